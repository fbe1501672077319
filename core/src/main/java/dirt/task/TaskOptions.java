package dirt.task;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How a task wants to be run, from fields users may set on its document: {@code timeout} (seconds; the default is
 * {@code [serve] task_timeout}), {@code tries} (how many times a failing run is tried in all; default {@code [serve]
 * tries}), {@code retry_delay} (seconds between tries; default {@code [serve] retry_delay}) and {@code cancel}
 * ({@code true} asks serve to stop it: a waiting task never starts, a running one is killed on its node).
 */
public record TaskOptions(Optional<Duration> timeout, Optional<Integer> tries, Optional<Duration> retryDelay,
        boolean cancel) {
    public TaskOptions {
        requireNonNull(timeout, "timeout is null");
        requireNonNull(tries, "tries is null");
        requireNonNull(retryDelay, "retryDelay is null");
    }

    public static TaskOptions none() {
        return new TaskOptions(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
