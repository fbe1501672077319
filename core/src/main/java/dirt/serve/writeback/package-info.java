/**
 * Serve's last step (feed → backlog → claim → run → <b>writeback</b>): what it writes onto a task document — the claim,
 * each attempt's end with its history entry ({@link dirt.serve.writeback.Attempts}), the results and files of a run
 * ({@link dirt.serve.writeback.Completion}) — and the writer that stores those writes
 * ({@link dirt.serve.writeback.TaskWriter}: guarded by the attempt, batched, retried through an outage).
 */
package dirt.serve.writeback;
