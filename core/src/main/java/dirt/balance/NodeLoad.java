package dirt.balance;

import static java.util.Objects.requireNonNull;

import dirt.node.Node;

/**
 * A node and how many tasks it runs now, as a {@link Balancer} sees it.
 *
 * @param node the node, whose {@link Node#slots()} caps its running tasks
 * @param running tasks running on it now; may exceed its slots after the slots were lowered
 */
public record NodeLoad(Node node, int running) {
    public NodeLoad {
        requireNonNull(node, "node is null");
        if (running < 0) {
            throw new IllegalArgumentException("running must not be negative, got " + running + " for node \""
                    + node.name() + "\"");
        }
    }

    /** Slots not taken by a running task: {@code slots - running}, never below 0. */
    public int freeSlots() {
        return Math.max(0, node.slots() - running);
    }

    /** Whether a balancer may give this node one more task: it is enabled and has a free slot. */
    public boolean canTakeOne() {
        return node.takesWork() && freeSlots() > 0;
    }

    /** The node's name as text, for ordering. */
    String name() {
        return node.name().value();
    }
}
