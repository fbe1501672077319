package dirt.transport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * Keeps the last lines an agent wrote to its stderr, each cut to a sane length, for error messages: written to as a
 * stream (a remote agent's stderr over SSH) or a line at a time ({@link #add}, a local agent's). A first line
 * {@code dirt-agent-pid=N}, written by the command that starts a remote agent, is not kept: it gives {@link #pid()}.
 * Thread-safe.
 */
public final class StderrTail extends OutputStream {
    public static final int MAX_LINES = 50;
    public static final int MAX_LINE_BYTES = 2000;
    public static final String PID_PREFIX = "dirt-agent-pid=";

    private final Deque<String> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean firstLine = true;
    private volatile OptionalLong pid = OptionalLong.empty();

    /** Adds one whole line (without its line end). */
    public synchronized void add(String line) {
        firstLine = false;
        keep(line.length() > MAX_LINE_BYTES ? line.substring(0, MAX_LINE_BYTES) : line);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            endLine();
        } else if (current.size() < MAX_LINE_BYTES) {
            current.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    private void endLine() {
        String line = current.toString(StandardCharsets.UTF_8).stripTrailing();
        current.reset();
        if (firstLine && line.matches(PID_PREFIX + "[0-9]+")) {
            firstLine = false;
            pid = OptionalLong.of(Long.parseLong(line.substring(PID_PREFIX.length())));
            return;
        }
        firstLine = false;
        keep(line);
    }

    private void keep(String line) {
        lines.addLast(line);
        if (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
    }

    /** The process id the agent's start command reported, once it has. */
    public OptionalLong pid() {
        return pid;
    }

    /** The kept lines, and the unfinished last one, joined by newlines. */
    public synchronized String text() {
        StringBuilder text = new StringBuilder(String.join("\n", lines));
        if (current.size() > 0) {
            text.append(text.length() > 0 ? "\n" : "").append(current.toString(StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
