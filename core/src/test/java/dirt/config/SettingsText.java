package dirt.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Settings parsed from TOML text, for tests of one section: the project folder /work/demo, HOME /home/ann. */
final class SettingsText {
    private SettingsText() {}

    static Settings parse(String toml) {
        return SettingsLoader.parse(toml, Path.of("/work/demo"), Map.of("HOME", "/home/ann"));
    }

    /** Every problem {@link #parse} reports for {@code toml}; fails when there is none. */
    static List<String> problems(String toml) {
        try {
            parse(toml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }
}
