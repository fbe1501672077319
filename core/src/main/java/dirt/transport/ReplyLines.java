package dirt.transport;

import java.io.IOException;
import java.io.Reader;

/**
 * The agent's reply lines, each at most {@link #MAX_CHARS} characters: a line that grows past it (a broken or foreign
 * agent) ends the connection with an error instead of filling serve's memory.
 */
final class ReplyLines {
    /** 64 MiB of attachments in base64 (about 86 Mi characters) and the rest of the reply. */
    static final int MAX_CHARS = 96 * 1024 * 1024;

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

    /** The next line without its end ({@code \n}, or {@code \r\n}), or null at the end of the output. */
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    int to = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    checkLength((line == null ? 0 : line.length()) + to - start);
                    String text = line == null ? new String(buffer, start, to - start)
                            : stripCarriageReturn(line.append(buffer, start, i - start).toString());
                    start = i + 1;
                    return text;
                }
            }
            if (end > start) {
                line = line == null ? new StringBuilder() : line;
                line.append(buffer, start, end - start);
                checkLength(line.length() - 1);
            }
            start = 0;
            end = in.read(buffer);
            if (end < 0) {
                end = 0;
                return line == null || line.isEmpty() ? null : stripCarriageReturn(line.toString());
            }
        }
    }

    /** {@code length}: of the line so far, less a carriage return that may end it. */
    private void checkLength(int length) throws IOException {
        if (length > maxChars) {
            throw new IOException("the agent wrote a line of more than " + maxChars + " characters (a broken or"
                    + " foreign agent?)");
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
