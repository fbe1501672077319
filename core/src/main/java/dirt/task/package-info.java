/**
 * Tasks: one unit of work on one record, run on a node by {@code serve}. A task document as users write it:
 * <pre>{@code {"_id": "2e3d…", "type": "task", "record_id": "r123", "name": "compile_hello", "created": 1315347385,
 *  "kwargs": {"foo": 42}, "requires": ["architecture is x86_64"]}}</pre>
 * {@code serve} adds {@code started} and {@code node} when it starts the task and {@code completed} and
 * {@code results} when it ends ({@link dirt.task.Task#markStarted}, {@link dirt.task.Task#markCompleted},
 * {@link dirt.task.Task#markInvalid}); a task's {@link dirt.task.TaskStatus} follows from those fields.
 */
package dirt.task;
