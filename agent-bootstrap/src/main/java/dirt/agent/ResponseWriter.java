package dirt.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes responses to the agent's standard output, one whole line at a time however many threads answer. A response
 * is streamed (attachments go out as base64 straight from their bytes). Once the output fails (the other side went
 * away) or is closed, further lines are dropped.
 */
final class ResponseWriter {
    private final OutputStream out;
    private final Consumer<String> log;
    private boolean closed;

    ResponseWriter(OutputStream out, Consumer<String> log) {
        this.out = out;
        this.log = log;
    }

    /**
     * Writes {@code response} as one line. A response holding something that is not JSON (a bug in an op) is replaced
     * by an error response for its id.
     */
    synchronized void write(Map<String, Object> response) {
        if (closed) {
            return;
        }
        try {
            try {
                JsonWriter.write(response, out);
            } catch (IllegalArgumentException e) {
                log.accept("response id=" + JsonWriter.write(response.get("id")) + " is not JSON: " + e.getMessage());
                JsonWriter.write(Responses.error(response.get("id"), "the agent could not write its answer: "
                        + e.getMessage() + " — this is a bug in dirt's agent"), out);
            }
            out.write('\n');
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            closed = true;
            log.accept("cannot write responses to stdout, dropping them: " + e);
        }
    }

    /** Drops every later line; the stream itself is left open for its owner. */
    synchronized void close() {
        closed = true;
    }
}
