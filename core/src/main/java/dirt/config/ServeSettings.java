package dirt.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code [serve]}: how {@code dirt serve} hands out tasks. {@code taskTimeout}, {@code tries} and {@code retryDelay}
 * are the defaults for tasks that do not set {@code timeout}, {@code tries} or {@code retry_delay}; {@code maxLost}
 * bounds how often a task is run again after its node or server was lost, so that a task that kills its node cannot
 * loop forever; {@code recordWait} is how long a task whose record does not exist waits for it before it fails;
 * {@code health} watches the nodes ({@link NodeHealthSettings}); {@code metrics} is where serve answers
 * {@code /metrics} (Prometheus) and {@code /healthz}, off when empty.
 */
public record ServeSettings(BalancerKind balancer, Duration taskTimeout, long maxResultsBytes, int tries,
        Duration retryDelay, int maxLost, Duration recordWait, NodeHealthSettings health,
        Optional<ListenAddress> metrics) {
    public static final BalancerKind DEFAULT_BALANCER = BalancerKind.ROUND_ROBIN;
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofHours(1);
    public static final long DEFAULT_MAX_RESULTS_BYTES = 1_048_576;
    public static final int DEFAULT_TRIES = 1;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_LOST = 3;
    public static final Duration DEFAULT_RECORD_WAIT = Duration.ofMinutes(1);
    /** The port a {@code [serve] metrics} address is shown with in examples: Prometheus' registered default. */
    public static final int EXAMPLE_METRICS_PORT = 9464;

    public ServeSettings {
        requireNonNull(balancer, "balancer is null");
        requireNonNull(taskTimeout, "taskTimeout is null");
        if (maxResultsBytes < 1) {
            throw new IllegalArgumentException("maxResultsBytes must be at least 1, got " + maxResultsBytes);
        }
        if (tries < 1 || maxLost < 0) {
            throw new IllegalArgumentException("tries must be at least 1 and maxLost at least 0, got " + tries
                    + " and " + maxLost);
        }
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(recordWait, "recordWait is null");
        requireNonNull(health, "health is null");
        requireNonNull(metrics, "metrics is null");
    }

    public ServeSettings withRecordWait(Duration recordWait) {
        return new ServeSettings(balancer, taskTimeout, maxResultsBytes, tries, retryDelay, maxLost, recordWait,
                health, metrics);
    }

    public ServeSettings withHealth(NodeHealthSettings health) {
        return new ServeSettings(balancer, taskTimeout, maxResultsBytes, tries, retryDelay, maxLost, recordWait,
                health, metrics);
    }

    public ServeSettings withMetrics(Optional<ListenAddress> metrics) {
        return new ServeSettings(balancer, taskTimeout, maxResultsBytes, tries, retryDelay, maxLost, recordWait,
                health, metrics);
    }

    public static ServeSettings defaults() {
        return new ServeSettings(DEFAULT_BALANCER, DEFAULT_TASK_TIMEOUT, DEFAULT_MAX_RESULTS_BYTES, DEFAULT_TRIES,
                DEFAULT_RETRY_DELAY, DEFAULT_MAX_LOST, DEFAULT_RECORD_WAIT, NodeHealthSettings.defaults(), Optional.empty());
    }
}
