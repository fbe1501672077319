package dirt.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Decides, from a schedule, its last run and the time, whether a run starts now: pure logic, no I/O, so that every
 * rule is tested with a clock the test controls.
 *
 * <ul>
 *   <li>crontime: the first sighting sets {@code next_run} (nothing fires at once); each due time fires once.</li>
 *   <li>frequency: the first run fires at once; the next is due {@code frequency} after the last task of the
 *       previous run completed, so runs never overlap.</li>
 *   <li>A run more than {@link #MISSED_AFTER} late was missed (no server was running): {@code missed = "once"}
 *       fires one run for all of them, {@code "skip"} fires none and waits for the next time.</li>
 *   <li>A crontime run due while the previous run is unfinished: {@code overlap = "skip"} skips it, {@code "queue"}
 *       starts it when the previous one finishes (one at most), {@code "allow"} starts it anyway.</li>
 *   <li>A disabled schedule has no next run; enabled again, it counts from then.</li>
 * </ul>
 */
final class Planner {
    /** How late a run may start before it counts as missed. */
    static final Duration MISSED_AFTER = Duration.ofMinutes(1);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ISO_INSTANT;

    private final ZoneId serverZone;

    /** {@code serverZone} is where crontime schedules without a {@code timezone} are evaluated. */
    Planner(ZoneId serverZone) {
        this.serverZone = requireNonNull(serverZone, "serverZone is null");
    }

    Decision decide(Schedule schedule, LastRun last, Instant now) {
        ScheduleState state = schedule.state();
        if (!schedule.enabled()) {
            boolean pending = state.nextRun().isPresent() || state.queued().isPresent();
            return pending ? new Decision.Reschedule(Optional.empty(), true) : Decision.NOTHING;
        }
        if (schedule.trigger() instanceof Trigger.Crontime crontime) {
            return crontime(schedule, crontime, last, now);
        }
        return frequency(schedule, (Trigger.Frequency) schedule.trigger(), last, now);
    }

    private Decision crontime(Schedule schedule, Trigger.Crontime trigger, LastRun last, Instant now) {
        ZoneId zone = trigger.zone(serverZone);
        Cron cron = trigger.cron();
        Optional<Instant> due = schedule.state().nextRun();
        if (due.isEmpty() || !cron.firesAt(due.get(), zone)) {
            return new Decision.Reschedule(cron.nextAfter(now, zone), false);
        }
        Optional<Instant> queued = schedule.state().queued();
        if (queued.isPresent() && last.finished()) {
            return new Decision.Fire(queued.get(), due, true);
        }
        if (now.isBefore(due.get())) {
            return Decision.NOTHING;
        }
        Instant run = due.get();
        Optional<Instant> next = cron.nextAfter(now, zone);
        if (missed(run, now)) {
            if (schedule.missed() == Missed.SKIP) {
                return new Decision.Skip(run, missedReason(run), next);
            }
            Instant due0 = run;
            run = cron.lastBefore(now, zone).filter(latest -> latest.isAfter(due0)).orElse(run);
        }
        return overlap(schedule, last, run, next);
    }

    private static Decision overlap(Schedule schedule, LastRun last, Instant run, Optional<Instant> next) {
        if (last.finished() || schedule.overlap() == Overlap.ALLOW) {
            return new Decision.Fire(run, next, false);
        }
        String previous = last.recordId().orElse("?");
        if (schedule.overlap() == Overlap.QUEUE && schedule.state().queued().isEmpty()) {
            return new Decision.Queue(run, next);
        }
        String reason = schedule.overlap() == Overlap.QUEUE
                ? "a run is already queued behind the previous run " + previous + ", which is still going"
                : "the previous run " + previous + " is still going (overlap = \"skip\")";
        return new Decision.Skip(run, reason, next);
    }

    private static Decision frequency(Schedule schedule, Trigger.Frequency trigger, LastRun last, Instant now) {
        ScheduleState state = schedule.state();
        if (!last.finished()) {
            return Decision.NOTHING;
        }
        Optional<Instant> due = state.nextRun();
        if (due.isEmpty() && last.recordId().isPresent()) {
            Instant ended = last.ended().or(state::lastFired).orElse(now);
            return new Decision.Reschedule(Optional.of(ended.plus(trigger.every())), false);
        }
        Instant run = due.orElse(now);
        if (now.isBefore(run)) {
            return Decision.NOTHING;
        }
        if (missed(run, now)) {
            return schedule.missed() == Missed.SKIP
                    ? new Decision.Skip(run, missedReason(run), Optional.of(now.plus(trigger.every())))
                    : new Decision.Fire(now, Optional.empty(), false);
        }
        return new Decision.Fire(run, Optional.empty(), false);
    }

    private static boolean missed(Instant due, Instant now) {
        return Duration.between(due, now).compareTo(MISSED_AFTER) > 0;
    }

    private static String missedReason(Instant run) {
        return "missed: no server was running at " + SHOWN.format(run) + " (missed = \"skip\")";
    }
}
