package dirt.schedule;

import static java.util.Objects.requireNonNull;

import dirt.task.TaskStatus;
import dirt.task.TaskTally;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a schedule's last run is: the record it created, whether every task of it has completed, when the last one
 * did, and the run's status ({@code waiting}, {@code running}, {@code passed}, {@code failed}; empty when the record
 * has no tasks). A schedule that never ran has nothing unfinished.
 */
record LastRun(Optional<String> recordId, boolean finished, Optional<Instant> ended, Optional<String> status) {
    static final LastRun NONE = new LastRun(Optional.empty(), true, Optional.empty(), Optional.empty());

    LastRun {
        requireNonNull(recordId, "recordId is null");
        requireNonNull(ended, "ended is null");
        requireNonNull(status, "status is null");
    }

    /** The run of {@code recordId} whose tasks are tallied in {@code tally}. */
    static LastRun of(String recordId, TaskTally tally) {
        return new LastRun(Optional.of(recordId), tally.finished(), tally.finished() ? tally.lastCompleted()
                : Optional.empty(), tally.overall().map(LastRun::word));
    }

    /** A run the schedule document already records as ended (so its tasks need not be read again). */
    static Optional<LastRun> ended(ScheduleState state) {
        boolean ended = state.lastRecord().isPresent() && state.lastEnded().isPresent()
                && state.lastStatus().filter(s -> s.equals("passed") || s.equals("failed")).isPresent();
        return ended ? Optional.of(new LastRun(state.lastRecord(), true, state.lastEnded(), state.lastStatus()))
                : Optional.empty();
    }

    static String word(TaskStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The state with this run's status and end written in, when it has tasks. */
    ScheduleState recordIn(ScheduleState state) {
        return status.isPresent() ? state.withLastStatus(status.get(), ended) : state;
    }
}
