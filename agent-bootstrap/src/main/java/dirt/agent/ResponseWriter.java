package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Writes responses to the agent's standard output, one whole line at a time however many threads answer. Once the
 * output fails (the other side went away) or is closed, further lines are dropped.
 */
final class ResponseWriter {
    private final OutputStream out;
    private final Consumer<String> log;
    private boolean closed;

    ResponseWriter(OutputStream out, Consumer<String> log) {
        this.out = out;
        this.log = log;
    }

    synchronized void writeLine(String json) {
        if (closed) {
            return;
        }
        try {
            out.write(json.getBytes(UTF_8));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            closed = true;
            log.accept("cannot write responses to stdout, dropping them: " + e);
        }
    }

    /** Drops every later line; the stream itself is left open for its owner. */
    synchronized void close() {
        closed = true;
    }
}
