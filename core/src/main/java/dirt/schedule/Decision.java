package dirt.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** What the {@link Planner} decided for a schedule at one tick; applied by a {@code _rev}-guarded write. */
sealed interface Decision {
    /** Nothing to do now. */
    Decision NOTHING = new Nothing();

    /** The schedule's state after the decision; {@code recordId} names the record of a run due at a time. */
    ScheduleState applyTo(ScheduleState state, Instant now, Function<Instant, String> recordId);

    record Nothing() implements Decision {
        @Override
        public ScheduleState applyTo(ScheduleState state, Instant now,
                Function<Instant, String> recordId) {
            return state;
        }
    }

    /** Start the run due at {@code run} (taken from the queue when {@code fromQueue}); then wait for {@code next}. */
    record Fire(Instant run, Optional<Instant> next, boolean fromQueue) implements Decision {
        public Fire {
            requireNonNull(run, "run is null");
            requireNonNull(next, "next is null");
        }

        @Override
        public ScheduleState applyTo(ScheduleState state, Instant now,
                Function<Instant, String> recordId) {
            ScheduleState fired = state.withFired(run, now, recordId.apply(run)).withNextRun(next);
            return fromQueue ? fired.withQueued(Optional.empty()) : fired;
        }
    }

    /** Start the run due at {@code run} once the previous one has finished; then wait for {@code next}. */
    record Queue(Instant run, Optional<Instant> next) implements Decision {
        public Queue {
            requireNonNull(run, "run is null");
            requireNonNull(next, "next is null");
        }

        @Override
        public ScheduleState applyTo(ScheduleState state, Instant now,
                Function<Instant, String> recordId) {
            return state.withQueued(Optional.of(run)).withNextRun(next);
        }
    }

    /** Do not start the run due at {@code run}, saying why; wait for {@code next}. */
    record Skip(Instant run, String reason, Optional<Instant> next) implements Decision {
        public Skip {
            requireNonNull(run, "run is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(next, "next is null");
        }

        @Override
        public ScheduleState applyTo(ScheduleState state, Instant now,
                Function<Instant, String> recordId) {
            return state.withSkipped(new ScheduleState.Skipped(run, reason)).withNextRun(next);
        }
    }

    /** Set the next run (none: unknown yet, or disabled), dropping a queued run when {@code dropQueued}. */
    record Reschedule(Optional<Instant> next, boolean dropQueued) implements Decision {
        public Reschedule {
            requireNonNull(next, "next is null");
        }

        @Override
        public ScheduleState applyTo(ScheduleState state, Instant now,
                Function<Instant, String> recordId) {
            ScheduleState rescheduled = state.withNextRun(next);
            return dropQueued ? rescheduled.withQueued(Optional.empty()) : rescheduled;
        }
    }
}
