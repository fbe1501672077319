package dirt.transport;

import java.io.IOException;
import java.io.Reader;

/**
 * The agent's reply lines, each kept whole up to {@link #MAX_CHARS} characters: a longer one (a task's result far
 * beyond what the database takes, or a broken agent) is skipped to its end and handed on cut, as its first
 * {@link #CUT_TO} characters, so that only the request it answers fails and serve's memory stays bounded.
 */
final class ReplyLines {
    /** 64 MiB of attachments in base64 (about 86 Mi characters) and the rest of the reply. */
    static final int MAX_CHARS = 96 * 1024 * 1024;
    /** What is kept of a line longer than the limit: enough for the {@code "id"} it starts with. */
    static final int CUT_TO = 1024;

    /** A line without its end ({@code \n} or {@code \r\n}); when {@code cut}, only its start. */
    record Line(String text, boolean cut) {}

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[64 * 1024];
    private int start;
    private int end;

    ReplyLines(Reader in) {
        this(in, MAX_CHARS);
    }

    ReplyLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of the output. */
    Line next() throws IOException {
        if (fill()) {
            int newline = indexOfNewline();
            if (newline >= 0 && newline - start <= maxChars + 1) { // the common case: a whole line in the buffer
                int to = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                String text = new String(buffer, start, to - start);
                start = newline + 1;
                return text.length() > maxChars ? new Line(text.substring(0, Math.min(CUT_TO, text.length())), true)
                        : new Line(text, false);
            }
        }
        StringBuilder line = new StringBuilder();
        while (fill()) {
            int newline = indexOfNewline();
            int to = newline < 0 ? end : newline;
            line.append(buffer, start, to - start);
            start = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                return whole(line);
            }
            if (line.length() > maxChars + 1) { // + 1: the \r of a \r\n split between two reads
                skipToNextLine();
                return new Line(line.substring(0, Math.min(CUT_TO, line.length())), true);
            }
        }
        return line.isEmpty() ? null : whole(line);
    }

    private Line whole(StringBuilder line) {
        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        if (line.length() > maxChars) {
            return new Line(line.substring(0, Math.min(CUT_TO, line.length())), true);
        }
        return new Line(line.toString(), false);
    }

    private void skipToNextLine() throws IOException {
        while (fill()) {
            int newline = indexOfNewline();
            start = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                return;
            }
        }
    }

    /** Whether there is something to read, reading more when the buffer is used up; false at the end. */
    private boolean fill() throws IOException {
        if (start < end) {
            return true;
        }
        start = 0;
        end = Math.max(0, in.read(buffer));
        return end > 0;
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
