package dirt.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** When a schedule fires: at the times of a cron expression, or a fixed time after the end of its previous run. */
public sealed interface Trigger {
    /** E.g. {@code 0 2 * * *} or {@code 0 2 * * * Europe/Zurich}, or {@code every 60 s}. */
    String describe();

    /** {@code crontime}: at the times of the expression, in {@code timezone} (the server's when empty). */
    record Crontime(Cron cron, Optional<ZoneId> timezone) implements Trigger {
        public Crontime {
            requireNonNull(cron, "cron is null");
            requireNonNull(timezone, "timezone is null");
        }

        ZoneId zone(ZoneId serverZone) {
            return timezone.orElse(serverZone);
        }

        @Override
        public String describe() {
            return cron.text() + timezone.map(zone -> " " + zone.getId()).orElse("");
        }
    }

    /**
     * {@code frequency}: the first run at once, each next one {@code every} after the previous run's last task ended,
     * so that runs never overlap however long they take.
     */
    record Frequency(Duration every) implements Trigger {
        public Frequency {
            requireNonNull(every, "every is null");
            if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("frequency must be at least 1 second, got " + every);
            }
        }

        @Override
        public String describe() {
            long seconds = every.toSeconds();
            if (seconds >= 3600 && seconds % 3600 == 0) {
                return "every " + seconds / 3600 + " h";
            }
            return seconds >= 60 && seconds % 60 == 0 ? "every " + seconds / 60 + " min" : "every " + seconds + " s";
        }
    }
}
