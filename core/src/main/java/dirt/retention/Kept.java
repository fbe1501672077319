package dirt.retention;

/** Why retention keeps a record, the first of these that holds; each is a line of {@code dirt prune}'s summary. */
public enum Kept {
    /** A task of the record waits or runs (a running task, or one waiting for its {@code after}). */
    UNFINISHED("with a waiting or running task"),
    /** The record is the last run of a schedule, which the scheduler reads. */
    SCHEDULE_LAST("being the last run of a schedule"),
    /** A task of the record is one of the last {@code keep_last_runs} runs of its name. */
    LAST_RUNS("holding one of the last runs of a task name (keep_last_runs)"),
    /** Younger than {@code keep_records}. */
    RECENT("younger than keep_records"),
    /** Has a failed task and is younger than {@code keep_failed}. */
    FAILED("with a failed task, younger than keep_failed"),
    /** Neither the record nor its tasks carry a time, so its age is unknown. */
    UNDATED("without a time on the record or its tasks");

    private final String description;

    Kept(String description) {
        this.description = description;
    }

    /** E.g. {@code with a waiting or running task}, after a count of records. */
    public String description() {
        return description;
    }

    /** The key in {@code dirt prune --json}: {@code unfinished}, {@code schedule_last}, ... */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
