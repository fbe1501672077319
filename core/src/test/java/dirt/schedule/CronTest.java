package dirt.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30Z");

    @Test
    void five_fields_are_unix_cron() {
        Cron cron = Cron.parse("0 2 * * MON-FRI");

        assertThat(cron.nextAfter(NOW, ZoneOffset.UTC)).contains(Instant.parse("2024-05-02T02:00:00Z"));
        assertThat(cron.nextAfter(Instant.parse("2024-05-03T03:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2024-05-06T02:00:00Z"));
    }

    @Test
    void six_fields_put_seconds_first() {
        assertThat(Cron.parse("*/2 * * * * *").nextAfter(NOW, ZoneOffset.UTC))
                .contains(Instant.parse("2024-05-01T10:15:32Z"));
    }

    @Test
    void nicknames_stand_for_their_unix_expressions() {
        assertThat(Cron.parse("@daily").nextAfter(NOW, ZoneOffset.UTC)).contains(Instant.parse("2024-05-02T00:00:00Z"));
        assertThat(Cron.parse("@hourly").nextAfter(NOW, ZoneOffset.UTC)).contains(Instant.parse("2024-05-01T11:00:00Z"));
        assertThat(Cron.parse("@weekly").nextAfter(NOW, ZoneOffset.UTC)).contains(Instant.parse("2024-05-05T00:00:00Z"));
    }

    @Test
    void times_are_read_in_the_given_zone() {
        assertThat(Cron.parse("0 2 * * *").nextAfter(NOW, ZoneId.of("Asia/Tokyo")))
                .contains(Instant.parse("2024-05-01T17:00:00Z"));
    }

    @Test
    void fires_at_is_true_only_for_the_expressions_times() {
        Cron cron = Cron.parse("0 2 * * *");

        assertThat(cron.firesAt(Instant.parse("2024-05-02T02:00:00Z"), ZoneOffset.UTC)).isTrue();
        assertThat(cron.firesAt(Instant.parse("2024-05-02T02:00:01Z"), ZoneOffset.UTC)).isFalse();
        assertThat(cron.firesAt(Instant.parse("2024-05-02T03:00:00Z"), ZoneOffset.UTC)).isFalse();
    }

    @Test
    void last_before_is_the_latest_time_before() {
        assertThat(Cron.parse("0 * * * *").lastBefore(NOW, ZoneOffset.UTC))
                .contains(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void a_wrong_number_of_fields_says_what_the_fields_are() {
        assertThat(Cron.problemWith("0 2 * *")).contains("has 4 field(s) in \"0 2 * *\", expected 5 (minute hour"
                + " day-of-month month day-of-week) or 6 (seconds first) — e.g. " + Cron.EXAMPLES);
    }

    @Test
    void a_value_out_of_range_is_named() {
        assertThat(Cron.problemWith("61 * * * *")).hasValueSatisfying(problem -> assertThat(problem)
                .isEqualTo("is not a valid cron expression: \"61 * * * *\": Value 61 not in range [0, 59] — e.g. "
                        + Cron.EXAMPLES));
    }

    @Test
    void an_expression_that_never_fires_is_refused() {
        assertThatThrownBy(() -> Cron.parse("0 0 31 2 *")).hasMessageContaining("never fires");
    }
}
