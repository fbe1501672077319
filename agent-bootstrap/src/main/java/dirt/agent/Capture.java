package dirt.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Copies a command's standard output (or error) into a file on a thread of its own, bytes as they are. An output over
 * the limit keeps its first and its last bytes with a {@linkplain Truncation#marker marker line} between them, so
 * neither memory nor disk grow with the output, and the end of a long build log (where the error is) survives.
 */
final class Capture implements Runnable {
    private final InputStream in;
    private final Path file;
    private final long headBytes;
    private final int tailBytes;
    private final Consumer<String> log;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean abandoned;
    private byte[] tail;
    private volatile long total;

    /** @param limit the most bytes the file may hold in the end, marker included */
    Capture(InputStream in, Path file, long limit, Consumer<String> log) {
        this.in = in;
        this.file = file;
        long kept = Math.max(0, limit - Truncation.MARKER_RESERVE);
        this.headBytes = kept / 2;
        this.tailBytes = (int) Math.min(Integer.MAX_VALUE - 8, kept - headBytes);
        this.log = log;
    }

    /** Starts copying on a daemon thread named after {@code what}, e.g. {@code stdout of t1}. */
    Capture start(String what) {
        Thread thread = new Thread(this, "dirt-capture " + what);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                if (!abandoned) {
                    keep(out, buffer, n);
                }
                total += n;
            }
            if (!abandoned) {
                writeTail(out);
            }
        } catch (IOException e) {
            if (!abandoned) {
                log.accept("capturing output into file=\"" + file + "\" failed: " + e);
            }
        } finally {
            done.countDown();
        }
    }

    /** Writes the head to the file as it comes, and keeps the bytes after it in a ring of the tail's size. */
    private void keep(OutputStream out, byte[] buffer, int n) throws IOException {
        int offset = 0;
        if (total < headBytes) {
            offset = (int) Math.min(n, headBytes - total);
            out.write(buffer, 0, offset);
        }
        if (offset == n || tailBytes == 0) {
            return;
        }
        if (tail == null) {
            tail = new byte[tailBytes];
        }
        long position = total + offset - headBytes;
        for (int i = offset; i < n; i++, position++) {
            tail[(int) (position % tailBytes)] = buffer[i];
        }
    }

    /** After the head: the rest as it was when it fits, else the marker and the last bytes in order. */
    private void writeTail(OutputStream out) throws IOException {
        long afterHead = total - headBytes;
        if (afterHead <= 0) {
            return;
        }
        if (afterHead <= tailBytes) {
            out.write(tail, 0, (int) afterHead);
            return;
        }
        out.write(Truncation.marker(total, headBytes, tailBytes));
        if (tailBytes == 0) {
            return;
        }
        int oldest = (int) (afterHead % tailBytes);
        out.write(tail, oldest, tailBytes - oldest);
        out.write(tail, 0, oldest);
    }

    /**
     * Waits at most {@code timeout} for the output to end; false when something the command left running still holds
     * it open, and then stops copying (the thread drains the rest into nothing until that process ends).
     */
    boolean finish(Duration timeout) throws InterruptedException {
        if (done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        abandoned = true;
        return false;
    }

    /** Whether the output was longer than the limit. */
    boolean truncated() {
        return total > headBytes + tailBytes;
    }

    /** How many bytes the command wrote. */
    long total() {
        return total;
    }
}
