package dirt.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The {@code [serve]} settings that watch nodes' health: a node that fails {@code quarantineFailures} tasks within
 * {@code quarantineWindow} that passed on another node meanwhile is quarantined (0 turns quarantine off); every node is
 * probed again every {@code reprobeEvery} to see its facts drift; a node whose work folder has less than
 * {@code minFreeDisk} bytes free takes no new work.
 */
public record NodeHealthSettings(int quarantineFailures, Duration quarantineWindow, Duration reprobeEvery,
        long minFreeDisk) {
    public static final int DEFAULT_QUARANTINE_FAILURES = 3;
    public static final Duration DEFAULT_QUARANTINE_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_REPROBE_EVERY = Duration.ofHours(1);
    public static final long DEFAULT_MIN_FREE_DISK = 1L << 30;

    public NodeHealthSettings {
        requireNonNull(quarantineWindow, "quarantineWindow is null");
        requireNonNull(reprobeEvery, "reprobeEvery is null");
        if (quarantineFailures < 0 || minFreeDisk < 0) {
            throw new IllegalArgumentException("quarantineFailures and minFreeDisk must not be negative, got "
                    + quarantineFailures + " and " + minFreeDisk);
        }
    }

    public static NodeHealthSettings defaults() {
        return new NodeHealthSettings(DEFAULT_QUARANTINE_FAILURES, DEFAULT_QUARANTINE_WINDOW, DEFAULT_REPROBE_EVERY,
                DEFAULT_MIN_FREE_DISK);
    }
}
