package dirt.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Copies a command's standard output (or error) into a file on a thread of its own, bytes as they are, within a limit
 * ({@link OutputFile}: the first and the last bytes with a marker line between them).
 */
final class Capture implements Runnable {
    private final InputStream in;
    private final Path file;
    private final long limit;
    private final Consumer<String> log;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean abandoned;
    private volatile boolean truncated;
    private volatile long total;

    /** @param limit the most bytes the file may hold in the end, marker included */
    Capture(InputStream in, Path file, long limit, Consumer<String> log) {
        this.in = in;
        this.file = file;
        this.limit = limit;
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
        try (OutputFile out = new OutputFile(file, limit)) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                if (abandoned) {
                    out.skipped(n);
                } else {
                    out.write(buffer, 0, n);
                }
                total = out.total();
                truncated = out.truncated();
            }
        } catch (IOException e) {
            if (!abandoned) {
                log.accept("capturing output into file=\"" + file + "\" failed: " + e);
            }
        } finally {
            done.countDown();
        }
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
        return truncated;
    }

    /** How many bytes the command wrote. */
    long total() {
        return total;
    }
}
