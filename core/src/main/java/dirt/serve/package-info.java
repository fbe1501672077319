/**
 * {@code dirt serve}, the engine: {@link dirt.serve.Server} wires it, and a task document goes through one package per
 * step: {@code feed} (the changes feed brings it) → {@code backlog} (it waits, and why) → {@code claim} (a node's slot
 * and the task taken for this server) → {@code run} (on the node, through its agent) → {@code writeback} (results,
 * times and history written onto it). The {@code Dispatcher} places the backlog on the nodes, one round at a time. A
 * step uses only the steps after it and the few values here ({@link dirt.serve.ServeEvents},
 * {@link dirt.serve.ServeState}, {@link dirt.serve.ServerId}, {@link dirt.serve.ServeViews}).
 */
package dirt.serve;
