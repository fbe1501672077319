package dirt.match;

import static java.util.Objects.requireNonNull;

import dirt.node.Node;
import java.util.List;

/**
 * Where a task can run now, from {@link Matcher#place}: one of
 * <ul>
 *   <li>{@link Ready}: the enabled nodes that meet every requirement (a balancer picks one with a free slot);</li>
 *   <li>{@link WaitReason}: no enabled node meets them (yet); the task waits and its summary says why;</li>
 *   <li>{@link UnknownKey}: a requirement names a fact no node has; the task should fail with its message.</li>
 * </ul>
 * All are records with value equality, so a caller can tell whether a task's situation changed.
 */
public sealed interface Placement permits Placement.Ready, WaitReason, UnknownKey {

    /**
     * The enabled nodes meeting every requirement, in name order.
     *
     * @param nodes never empty
     */
    record Ready(List<Node> nodes) implements Placement {
        public Ready {
            nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("nodes is empty: a task with no matching node waits");
            }
        }
    }
}
