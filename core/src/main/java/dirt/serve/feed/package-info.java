/**
 * Serve's first step (<b>feed</b> → backlog → claim → run → writeback): follows the database's changes feed and tells
 * serve what each change is — a task, node, slot or record document seen or deleted
 * ({@link dirt.serve.feed.Changes}) — so that new tasks reach the backlog and what changed on nodes and slots reaches
 * the placing.
 */
package dirt.serve.feed;
