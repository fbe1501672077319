package dirt.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and checking of the typed values settings hold; each check returns what is wrong, if anything. */
final class ConfigValues {
    static final String DURATION_EXAMPLES = "\"500ms\", \"5s\", \"10m\", \"1h\", \"2d\" or \"PT5S\"";
    static final String URL_EXAMPLE = "\"http://127.0.0.1:5984\"";

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_$()+/-]*");

    private ConfigValues() {
    }

    /** {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d} or ISO-8601 such as {@code PT5S}; empty if neither. */
    static Optional<Duration> duration(String text) {
        Matcher m = SHORT_DURATION.matcher(text);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return Optional.of(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            return text.startsWith("P") || text.startsWith("p") ? Optional.of(Duration.parse(text)) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An absolute http or https URL with a host, e.g. {@code http://127.0.0.1:5984}; empty if not one. */
    static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text);
            return problemWithHttpUrl(uri).isEmpty() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** What is wrong with {@code uri} as an http(s) URL; empty when it is fine. */
    static Optional<String> problemWithHttpUrl(URI uri) {
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null) {
            return Optional.of("expected an http(s) URL like " + URL_EXAMPLE + ", got \"" + uri + "\"");
        }
        return Optional.empty();
    }

    /** What is wrong with {@code name} as a CouchDB database name; empty when it is fine. */
    static Optional<String> problemWithDatabaseName(String name) {
        if (DATABASE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("\"" + name + "\" is not a valid CouchDB database name — use lowercase letters, digits and "
                + "any of _$()+-/, starting with a letter");
    }

    /** Expands a leading {@code ~} or {@code ~/} to {@code home} and resolves a relative path against {@code base}. */
    static Path path(String text, Path home, Path base) {
        if (text.equals("~")) {
            return home;
        }
        if (text.startsWith("~/")) {
            return home.resolve(text.substring(2));
        }
        return base.resolve(text);
    }
}
