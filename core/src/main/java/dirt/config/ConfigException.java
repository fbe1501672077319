package dirt.config;

import static java.util.Objects.requireNonNull;

import dirt.DirtException;
import java.nio.file.Path;
import java.util.List;

/**
 * The settings cannot be used. When loading a settings file, {@link #problems()} lists every problem at once, each
 * as {@code settings.toml: [section] key: problem}, and the message lists them all.
 */
public final class ConfigException extends DirtException {
    private final List<String> problems;

    /** A single problem that is not about one key, such as a missing settings file. */
    public ConfigException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** A single problem caused by {@code cause}, such as an unreadable settings file. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Every problem found in the settings from {@code source}. */
    public ConfigException(Path source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(Path source, List<String> problems) {
        requireNonNull(source, "source is null");
        if (requireNonNull(problems, "problems is null").isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        return "invalid settings: path=\"" + source + "\" problems=" + problems.size()
                + " — fix " + (problems.size() == 1 ? "it" : "them") + " and run again:\n  "
                + String.join("\n  ", problems);
    }

    /** Each problem on its own, e.g. {@code settings.toml: [couch] databse: unknown key, did you mean "database"?}. */
    public List<String> problems() {
        return problems;
    }
}
