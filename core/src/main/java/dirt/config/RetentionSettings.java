package dirt.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * {@code [retention]}: how long the database keeps what ran. A record goes once {@code keepRecords} have passed since
 * it was created and since its last task ended; one that has a failed task stays {@code keepFailed}; the records of
 * the last {@code keepLastRuns} runs of each task name always stay; the files (attachments) of a passed run go
 * {@code keepPassedFiles} after it ended, its results stay. {@code daily}: whether {@code dirt serve} prunes once a
 * day; {@code dirt prune} runs it by hand. Without the section nothing is ever pruned.
 */
public record RetentionSettings(Duration keepRecords, int keepLastRuns, Duration keepFailed, Duration keepPassedFiles,
        boolean daily) {
    public static final Duration DEFAULT_KEEP_RECORDS = Duration.ofDays(90);
    public static final int DEFAULT_KEEP_LAST_RUNS = 20;
    public static final Duration DEFAULT_KEEP_FAILED = Duration.ofDays(180);
    public static final Duration DEFAULT_KEEP_PASSED_FILES = Duration.ofDays(30);
    public static final boolean DEFAULT_DAILY = true;

    public RetentionSettings {
        requireNonNull(keepRecords, "keepRecords is null");
        requireNonNull(keepFailed, "keepFailed is null");
        requireNonNull(keepPassedFiles, "keepPassedFiles is null");
        if (keepRecords.isNegative() || keepFailed.isNegative() || keepPassedFiles.isNegative()) {
            throw new IllegalArgumentException("retention durations must not be negative, got " + keepRecords + ", "
                    + keepFailed + " and " + keepPassedFiles);
        }
        if (keepLastRuns < 1) {
            throw new IllegalArgumentException("keepLastRuns must be at least 1, got " + keepLastRuns);
        }
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(DEFAULT_KEEP_RECORDS, DEFAULT_KEEP_LAST_RUNS, DEFAULT_KEEP_FAILED,
                DEFAULT_KEEP_PASSED_FILES, DEFAULT_DAILY);
    }
}
