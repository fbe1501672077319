package dirt.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Times as the CLI prints them: local date and time to the second, durations short. */
final class Times {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {}

    static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }

    static String local(Optional<Instant> at, ZoneId zone) {
        return at.map(t -> local(t, zone)).orElse("");
    }

    /** E.g. {@code 3.2 s}, {@code 4 min 10 s}, {@code 2 h 5 min}. */
    static String took(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            return "";
        }
        if (d.toSeconds() < 60) {
            return String.format("%.1f s", d.toMillis() / 1000.0);
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
