package dirt.config;

import static dirt.config.SettingsText.parse;
import static dirt.config.SettingsText.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code [retention]}: what {@code dirt prune} and serve's daily run remove. */
class RetentionSettingsTest {
    private static final String MINIMAL = "[project]\nname = \"demo\"\n";

    @Test
    void without_a_retention_section_nothing_is_pruned() {
        assertThat(parse(MINIMAL).retention()).isEmpty();
        assertThat(Settings.defaults("demo").retention()).isEmpty();
    }

    @Test
    void an_empty_retention_section_applies_the_defaults() {
        assertThat(parse(MINIMAL + "[retention]\n").retention()).contains(RetentionSettings.defaults());
        assertThat(RetentionSettings.defaults()).isEqualTo(new RetentionSettings(Duration.ofDays(90), 20,
                Duration.ofDays(180), Duration.ofDays(30), true));
    }

    @Test
    void every_key_is_read() {
        var retention = parse(MINIMAL + "[retention]\nkeep_records = \"30d\"\nkeep_last_runs = 5\n"
                + "keep_failed = \"60d\"\nkeep_passed_files = \"7d\"\ndaily = false\n").retention();

        assertThat(retention).isEqualTo(Optional.of(new RetentionSettings(Duration.ofDays(30), 5, Duration.ofDays(60),
                Duration.ofDays(7), false)));
    }

    @Test
    void bad_values_and_an_unknown_key_are_reported_together() {
        assertThat(problems(MINIMAL + "[retention]\nkeep_records = \"90 days\"\nkeep_last_runs = 0\n"
                + "keep_failed = \"10m\"\nkeep_passed_file = \"7d\"\n")).containsExactly(
                "settings.toml: [retention] keep_records: expected a duration like \"500ms\", \"5s\", \"10m\", \"1h\","
                        + " \"2d\" or \"PT5S\", got \"90 days\"",
                "settings.toml: [retention] keep_last_runs: must be between 1 and 100000, got 0",
                "settings.toml: [retention] keep_failed: expected at least an hour, like \"180d\", got 600 s",
                "settings.toml: [retention] keep_passed_file: unknown key, did you mean \"keep_passed_files\"?");
    }
}
