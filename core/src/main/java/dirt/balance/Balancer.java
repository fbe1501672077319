package dirt.balance;

import dirt.node.Node;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the node that runs the next task, among the enabled nodes that meet the task's requirements (see
 * {@link dirt.match.Matcher#place}). A node never gets more tasks than its {@link Node#slots()}: a node whose
 * running tasks fill its slots, or a disabled node, is never chosen. Get one from {@link Balancers#of}.
 *
 * <p>Implementations may keep state between calls (round-robin remembers where it left off) and are <b>not thread
 * safe</b>: serve's single dispatcher thread owns its balancer. Each call is a decision: the caller is expected to
 * start the task on the chosen node and report it as running in later calls.
 */
public interface Balancer {
    /**
     * The node for the next task.
     *
     * @param candidates the matching nodes and their running task counts, in any order
     * @return the chosen node; empty when no candidate has a free slot (the task waits)
     */
    Optional<Node> choose(List<NodeLoad> candidates);
}
