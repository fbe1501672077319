package dirt.notify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a failing channel is tried again: at most {@code attempts} sends per message and channel, waiting
 * {@code firstDelay} after the first failure and doubling up to {@code maxDelay}.
 */
record Retry(int attempts, Duration firstDelay, Duration maxDelay) {
    /** 6 attempts over about a minute: 2, 4, 8, 16 and 32 s apart. */
    static final Retry DEFAULT = new Retry(6, Duration.ofSeconds(2), Duration.ofSeconds(60));

    Retry {
        requireNonNull(firstDelay, "firstDelay is null");
        requireNonNull(maxDelay, "maxDelay is null");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must be positive and maxDelay >= firstDelay, got "
                    + firstDelay + " and " + maxDelay);
        }
    }
}
