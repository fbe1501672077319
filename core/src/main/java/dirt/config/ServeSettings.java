package dirt.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** {@code [serve]}: how {@code dirt serve} hands out tasks. */
public record ServeSettings(Balancer balancer, Duration taskTimeout, long maxResultsBytes) {
    public static final Balancer DEFAULT_BALANCER = Balancer.ROUND_ROBIN;
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofHours(1);
    public static final long DEFAULT_MAX_RESULTS_BYTES = 1_048_576;

    public ServeSettings {
        requireNonNull(balancer, "balancer is null");
        requireNonNull(taskTimeout, "taskTimeout is null");
        if (maxResultsBytes < 1) {
            throw new IllegalArgumentException("maxResultsBytes must be at least 1, got " + maxResultsBytes);
        }
    }

    public static ServeSettings defaults() {
        return new ServeSettings(DEFAULT_BALANCER, DEFAULT_TASK_TIMEOUT, DEFAULT_MAX_RESULTS_BYTES);
    }
}
