package dirt.notify;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a text attachment such as {@code stderr.txt}, for a message. */
record Tail(String attachment, List<String> lines) {
    /** How many lines a message quotes. */
    static final int LINES = 20;
    /** Longer lines are cut, so that one minified line cannot fill a message. */
    static final int MAX_LINE = 500;

    Tail {
        requireNonNull(attachment, "attachment is null");
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
    }

    /** The last {@link #LINES} non-trailing lines of {@code bytes} (UTF-8). */
    static Tail of(String attachment, byte[] bytes) {
        List<String> all = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1)));
        while (!all.isEmpty() && all.get(all.size() - 1).isBlank()) {
            all.remove(all.size() - 1);
        }
        List<String> last = new ArrayList<>();
        for (String line : all.subList(Math.max(0, all.size() - LINES), all.size())) {
            last.add(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " …" : line);
        }
        return new Tail(attachment, last);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
