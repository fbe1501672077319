package dirt.schedule;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * What serve writes onto a schedule document, for the next decision and for people: {@code next_run}, a
 * {@code queued} run, the last run ({@code last_run} when it was due, {@code last_fired} when it fired,
 * {@code last_record}, {@code last_status}: waiting, running, passed or failed, {@code last_ended}), and the last run
 * it skipped with why ({@code last_skipped: {"run": ..., "reason": ...}}). Times are epoch seconds.
 */
public record ScheduleState(Optional<Instant> nextRun, Optional<Instant> queued, Optional<Instant> lastRun,
        Optional<Instant> lastFired, Optional<String> lastRecord, Optional<String> lastStatus,
        Optional<Instant> lastEnded, Optional<Skipped> lastSkipped) {
    public static final ScheduleState NEW = new ScheduleState(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ScheduleState {
        requireNonNull(nextRun, "nextRun is null");
        requireNonNull(queued, "queued is null");
        requireNonNull(lastRun, "lastRun is null");
        requireNonNull(lastFired, "lastFired is null");
        requireNonNull(lastRecord, "lastRecord is null");
        requireNonNull(lastStatus, "lastStatus is null");
        requireNonNull(lastEnded, "lastEnded is null");
        requireNonNull(lastSkipped, "lastSkipped is null");
    }

    /** A run that was due and did not start, and why. */
    public record Skipped(Instant run, String reason) {
        public Skipped {
            requireNonNull(run, "run is null");
            requireNonNull(reason, "reason is null");
        }
    }

    static ScheduleState read(DocumentReader in) {
        Optional<Skipped> skipped = in.object("last_skipped").flatMap(object -> {
            DocumentReader nested = new DocumentReader(object);
            Optional<Instant> run = nested.epochSeconds("run");
            Optional<String> reason = nested.string("reason");
            in.nested("last_skipped", nested.problems());
            return run.map(r -> new Skipped(r, reason.orElse("")));
        });
        return new ScheduleState(in.epochSeconds("next_run"), in.epochSeconds("queued"), in.epochSeconds("last_run"),
                in.epochSeconds("last_fired"), in.string("last_record"), in.string("last_status"),
                in.epochSeconds("last_ended"), skipped);
    }

    DocumentWriter writeTo(DocumentWriter out) {
        out.epochSeconds("next_run", nextRun).epochSeconds("queued", queued).epochSeconds("last_run", lastRun)
                .epochSeconds("last_fired", lastFired).string("last_record", lastRecord)
                .string("last_status", lastStatus).epochSeconds("last_ended", lastEnded);
        lastSkipped.ifPresentOrElse(skipped -> out.json("last_skipped", json(skipped)),
                () -> out.remove("last_skipped"));
        return out;
    }

    /** {@code {"reason": ..., "run": SECONDS}}. */
    private static JsonObject json(Skipped skipped) {
        return DocumentWriter.copyOf(JsonObject.builder().put("reason", skipped.reason()).build())
                .epochSeconds("run", skipped.run()).build();
    }

    public ScheduleState withNextRun(Optional<Instant> next) {
        return new ScheduleState(next, queued, lastRun, lastFired, lastRecord, lastStatus, lastEnded, lastSkipped);
    }

    public ScheduleState withQueued(Optional<Instant> run) {
        return new ScheduleState(nextRun, run, lastRun, lastFired, lastRecord, lastStatus, lastEnded, lastSkipped);
    }

    public ScheduleState withSkipped(Skipped skipped) {
        return new ScheduleState(nextRun, queued, lastRun, lastFired, lastRecord, lastStatus, lastEnded,
                Optional.of(skipped));
    }

    /** A run that fired at {@code fired}, due at {@code run}, creating {@code record}: waiting, not ended. */
    public ScheduleState withFired(Instant run, Instant fired, String record) {
        return new ScheduleState(nextRun, queued, Optional.of(run), Optional.of(fired), Optional.of(record),
                Optional.of("waiting"), Optional.empty(), lastSkipped);
    }

    /** The last run's status, and when it ended (empty while it has not). */
    public ScheduleState withLastStatus(String status, Optional<Instant> ended) {
        return new ScheduleState(nextRun, queued, lastRun, lastFired, lastRecord, Optional.of(status), ended,
                lastSkipped);
    }
}
