package dirt.api;

/**
 * A unit of work that dirt runs on a node for one task document.
 *
 * <p>Write one public class per task under your project's {@code tasks/} folder, with a public no-argument
 * constructor. The task document's {@code name} selects the class (see {@link TaskNames}):
 *
 * <pre>{@code
 * package examples;                       // tasks/examples/Simple.java, task name "examples.simple"
 *
 * import dirt.api.*;
 *
 * public final class Simple implements Task {
 *     @Override
 *     public Result run(TaskContext context) {
 *         int sum = 2 + 2;
 *         return sum == 4 ? Result.success().with("sum", sum) : Result.failure("arithmetic is broken");
 *     }
 * }
 * }</pre>
 *
 * <p>A fresh instance runs each task, so fields do not carry over between runs. A task that throws fails with
 * the exception's message and stack trace in its results; prefer returning {@link Result#failure(String)} with a
 * reason a reader understands.
 */
@FunctionalInterface
public interface Task {
    /**
     * Runs the task.
     *
     * @param context the task's kwargs, ids, work folder and log
     * @return {@link Result#success()} or {@link Result#failure(String)}, with any extra fields and attachments
     * @throws Exception to fail the task with the exception's message and stack trace
     */
    Result run(TaskContext context) throws Exception;

    /**
     * Whether the task's work is already done (DoJobber's Check, for idempotent work). Only a task that overrides it
     * is checked: before {@link #run}, where {@code true} passes the task at once without running it (its results say
     * {@code already_done: true}); and after {@link #run}, where this recheck alone decides whether the task passed
     * (the result of {@code run} still gives the fields and attachments). For example:
     *
     * <pre>{@code
     * public boolean check(TaskContext context) {
     *     return Files.exists(Path.of(context.getString("out")));
     * }
     * }</pre>
     *
     * @throws Exception to fail the task, as from {@link #run}
     */
    default boolean check(TaskContext context) throws Exception {
        return false;
    }
}
