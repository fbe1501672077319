/**
 * Serve's second step (feed → <b>backlog</b> → claim → run → writeback): the tasks this server may start, in order
 * ({@link dirt.serve.backlog.Backlog} of {@link dirt.serve.backlog.Pending}), and why each still waits: its record
 * ({@link dirt.serve.backlog.RecordCheck}), the tasks it comes after ({@link dirt.serve.backlog.After}), its node runs
 * ({@link dirt.serve.backlog.Broadcast}). A task that leaves the backlog without a run (refused, cancelled, skipped,
 * invalid) gets its end written here ({@link dirt.serve.backlog.TaskEnds}). A task whose reason to wait is stored is
 * kept without its document, which {@link dirt.serve.backlog.Documents} reads again when the dispatcher acts on it.
 */
package dirt.serve.backlog;
