package dirt.task;

/** Where a task is, derived from its {@code started}, {@code completed} and {@code results.success} fields. */
public enum TaskStatus {
    /** Not started. */
    WAITING,
    /** Started, not completed. */
    RUNNING,
    /** Completed with {@code results.success} true. */
    PASSED,
    /** Completed with {@code results.success} false, missing or not a boolean, or without results. */
    FAILED,
    /** Completed with {@code results.cancelled} true: a user cancelled it. */
    CANCELLED;

    /** Whether the task has completed: passed, failed or cancelled. */
    public boolean isCompleted() {
        return this == PASSED || this == FAILED || this == CANCELLED;
    }
}
