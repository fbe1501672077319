package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the Linux distribution's {@code /etc/os-release} (or {@code /usr/lib/os-release}): NAME, VERSION_ID, ID... */
final class OsRelease {
    private static final List<Path> FILES = List.of(Path.of("/etc/os-release"), Path.of("/usr/lib/os-release"));

    private OsRelease() {}

    /** The keys of the first os-release file there is; empty when there is none (not Linux) or it is unreadable. */
    static Map<String, String> read() {
        for (Path file : FILES) {
            try {
                if (Files.isRegularFile(file)) {
                    return parse(Files.readAllLines(file, UTF_8));
                }
            } catch (IOException | RuntimeException e) {
                return Map.of();
            }
        }
        return Map.of();
    }

    /** Parses {@code KEY=value} lines; values may be quoted with " or ' and use backslash escapes; # starts a comment. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            int equals = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || equals <= 0) {
                continue;
            }
            values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
