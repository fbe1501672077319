/**
 * Balancing: which of the nodes that meet a task's requirements runs it, without ever running more tasks on a node
 * than its slots. {@link dirt.balance.Balancers#of} makes the {@link dirt.balance.Balancer} named by
 * {@code [serve] balancer}: round-robin or load-aware. Balancers are used by one dispatcher thread.
 */
package dirt.balance;
