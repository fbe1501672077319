package dirt.schedule;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression, parsed by cron-utils (the only class that imports it). Five fields are Unix cron, which is what
 * crontab users expect: {@code minute hour day-of-month month day-of-week}, e.g. {@code 0 2 * * *} for 02:00 every
 * day or {@code *}{@code /15 * * * 1-5} for every quarter hour on weekdays. Six fields put seconds first, as Spring
 * does ({@code *}{@code /10 * * * * *}). The nicknames {@code @hourly}, {@code @daily} (or {@code @midnight}),
 * {@code @weekly}, {@code @monthly} and {@code @yearly} (or {@code @annually}) stand for their Unix expressions.
 */
public final class Cron {
    /** What a problem message shows as examples. */
    public static final String EXAMPLES = "\"0 2 * * *\" (02:00 every day) or \"*/15 * * * 1-5\" (every quarter hour"
            + " on weekdays)";

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SECONDS =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));
    private static final Map<String, String> NICKNAMES = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    /** A fixed start for checking that an expression fires at all. */
    private static final ZonedDateTime PROBE = ZonedDateTime.parse("2000-01-01T00:00:00Z");

    private final String text;
    private final ExecutionTime times;

    private Cron(String text, ExecutionTime times) {
        this.text = text;
        this.times = times;
    }

    /**
     * Parses a cron expression.
     *
     * @throws IllegalArgumentException with {@link #problemWith}'s message when it is not one; the message reads
     *     after the field's name, e.g. {@code crontime is not a valid cron expression: ...}
     */
    public static Cron parse(String text) {
        requireNonNull(text, "text is null");
        String expression = NICKNAMES.getOrDefault(text.strip().toLowerCase(Locale.ROOT), text.strip());
        int fields = expression.isEmpty() ? 0 : expression.split("\\s+").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("has " + fields + " field(s) in \"" + text + "\", expected 5 (minute hour"
                    + " day-of-month month day-of-week) or 6 (seconds first) — e.g. " + EXAMPLES);
        }
        ExecutionTime times;
        try {
            times = ExecutionTime.forCron((fields == 5 ? UNIX : SECONDS).parse(expression));
        } catch (IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage()).replace("Failed to parse cron expression. ", "");
            throw new IllegalArgumentException("is not a valid cron expression: \"" + text + "\": " + reason
                    + " — e.g. " + EXAMPLES, e);
        }
        if (times.nextExecution(PROBE).isEmpty()) {
            throw new IllegalArgumentException("never fires: \"" + text + "\" — check the day of month against the"
                    + " month");
        }
        return new Cron(text.strip(), times);
    }

    /** What is wrong with {@code text} as a cron expression; empty when it is fine. */
    public static Optional<String> problemWith(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** The first time after {@code after} that the expression fires, in {@code zone}; empty if it never does again. */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The last time before {@code before} that the expression fired, in {@code zone}. */
    public Optional<Instant> lastBefore(Instant before, ZoneId zone) {
        return times.lastExecution(before.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** Whether the expression fires exactly at {@code at} (to the second) in {@code zone}. */
    public boolean firesAt(Instant at, ZoneId zone) {
        if (at.getNano() != 0) {
            return false;
        }
        return nextAfter(at.minusSeconds(1), zone).filter(at::equals).isPresent();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cron cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
