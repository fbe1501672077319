package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads UTF-8 lines ending in {@code \n} (a {@code \r} before it is dropped), refusing lines over a limit. */
final class LineReader {
    private final InputStream in;
    private final int maxBytes;

    LineReader(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(in, 65536);
        this.maxBytes = maxBytes;
    }

    /** One line read: its text, or that it was longer than the limit (then its text is the part that was kept). */
    record Line(String text, boolean tooLong) {}

    /** The next line, or null at the end of the input. A last line without {@code \n} still counts. */
    Line next() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (bytes.size() < maxBytes) {
                bytes.write(b);
            } else {
                tooLong = true;
            }
        }
        if (b == -1 && bytes.size() == 0 && !tooLong) {
            return null;
        }
        String text = bytes.toString(UTF_8);
        if (tooLong) {
            return new Line(text, true);
        }
        return new Line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, false);
    }
}
