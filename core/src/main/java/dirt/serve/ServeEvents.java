package dirt.serve;

import dirt.task.TaskStatus;

/**
 * What serve tells an observer as it works, for metrics: claims, completions, lost runs, conflicts. Called on serve's
 * threads, often under way of a write: an observer must be quick and must not throw. {@code task} is the task's
 * {@code name} as its document has it (blank when it has none).
 */
public interface ServeEvents {
    /** Tells nobody. */
    ServeEvents NONE = new ServeEvents() { };

    /** Who lost a run. */
    enum Lost {
        /** The node's connection failed while the task ran on it. */
        NODE,
        /** Its server was gone (its process ended, or its lease ran out), or no slot held it; this server found it. */
        SERVER
    }

    /** What a claim that another writer won was for. */
    enum Conflict {
        TASK,
        SLOT
    }

    /** This server claimed an attempt of a task. */
    default void claimed(String task) {
    }

    /** This server wrote a task's completion: passed, failed or cancelled, as its stored document says. */
    default void completed(String task, TaskStatus outcome) {
    }

    /** A try of a task failed and it waits to be tried again. */
    default void retried(String task) {
    }

    /** A run of a task was lost and the task sent back to waiting (or failed, when lost too often). */
    default void lost(String task, Lost cause) {
    }

    /** A claim this server wrote lost to another writer ({@code 409 Conflict}, or a losing revision on a cluster). */
    default void conflict(Conflict what) {
    }
}
