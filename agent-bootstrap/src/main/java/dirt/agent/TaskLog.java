package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A Java task's {@code context.log} lines, written to a file as they come (UTF-8, one per line, each written through
 * at once so that a task killed later leaves its lines so far), up to a limit: later lines are counted, and
 * {@link #close()} notes how many were left out ({@code [dirt: 12 more lines left out]}).
 */
final class TaskLog implements Consumer<String>, AutoCloseable {
    private final OutputStream out;
    private final long limit;
    private long written;
    private long dropped;
    private boolean closed;

    /** @param limit the most bytes the file may hold in the end, the note included */
    TaskLog(Path file, long limit) throws IOException {
        this.out = Files.newOutputStream(file);
        this.limit = limit - Truncation.MARKER_RESERVE;
    }

    /** Adds {@code line}, or counts it when the limit is reached. */
    @Override
    public synchronized void accept(String line) {
        byte[] encoded = (line + "\n").getBytes(UTF_8);
        if (closed || dropped > 0 || written + encoded.length > limit) {
            dropped++;
            return;
        }
        try {
            out.write(encoded);
            written += encoded.length;
        } catch (IOException e) {
            dropped++;
        }
    }

    /** Notes the lines left out, if any, and closes the file; later lines are left out. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            if (dropped > 0) {
                out.write(String.format("[dirt: %d more lines left out]\n", dropped).getBytes(UTF_8));
            }
        } catch (IOException e) {
            // the lines so far are in the file: nothing more to do
        }
    }
}
