package dirt.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that keeps an output within a limit: the first bytes are written as they come, the bytes after them are kept
 * in a ring of the tail's size, and at the end the file gets the rest as it was when it fits, else a
 * {@linkplain Truncation#marker marker line} and the last bytes. Neither memory nor disk grow with the output, and the
 * end of a long build log (where the error is) survives. Not thread-safe: one writer.
 */
final class OutputFile implements AutoCloseable {
    private final OutputStream out;
    private final long headBytes;
    private final int tailBytes;
    private byte[] tail;
    private long total;
    private boolean closed;

    /** @param limit the most bytes the file may hold in the end, marker included */
    OutputFile(Path file, long limit) throws IOException {
        this(Files.newOutputStream(file), limit);
    }

    /** Keeps the output in {@code out} instead of a file. */
    OutputFile(OutputStream out, long limit) {
        this.out = out;
        long kept = Math.max(0, limit - Truncation.MARKER_RESERVE);
        this.headBytes = kept / 2;
        this.tailBytes = (int) Math.min(Integer.MAX_VALUE - 8, kept - headBytes);
    }

    /** Keeps {@code n} bytes of {@code buffer} from {@code offset}. */
    void write(byte[] buffer, int offset, int n) throws IOException {
        int head = 0;
        if (total < headBytes) {
            head = (int) Math.min(n, headBytes - total);
            out.write(buffer, offset, head);
        }
        if (head < n && tailBytes > 0) {
            if (tail == null) {
                tail = new byte[tailBytes];
            }
            long position = total + head - headBytes;
            for (int i = offset + head; i < offset + n; i++, position++) {
                tail[(int) (position % tailBytes)] = buffer[i];
            }
        }
        total += n;
    }

    /** Counts {@code n} bytes that were written but not kept. */
    void skipped(int n) {
        total += n;
    }

    /** Writes the tail and closes the file; again does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            writeTail();
        }
    }

    private void writeTail() throws IOException {
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

    /** Whether the output was longer than the limit. */
    boolean truncated() {
        return total > headBytes + tailBytes;
    }

    /** How many bytes the output had. */
    long total() {
        return total;
    }
}
