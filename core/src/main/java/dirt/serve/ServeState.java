package dirt.serve;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What serve holds now, as of its dispatcher's last pass (at most a second old): the tasks it may still start, by
 * why they wait, and each node's slots.
 *
 * @param waiting per cause, how many tasks wait for it; every cause is present
 * @param nodes the nodes it knows, by name
 */
public record ServeState(Map<WaitCause, Integer> waiting, List<NodeSlots> nodes) {
    public ServeState {
        EnumMap<WaitCause, Integer> all = new EnumMap<>(WaitCause.class);
        for (WaitCause cause : WaitCause.values()) {
            all.put(cause, requireNonNull(waiting, "waiting is null").getOrDefault(cause, 0));
        }
        waiting = Map.copyOf(all);
        nodes = List.copyOf(nodes);
    }

    /** Nothing waits, no node is known: serve has not made its first pass. */
    public static ServeState empty() {
        return new ServeState(Map.of(), List.of());
    }

    /** Why a task that serve may start has not started. */
    public enum WaitCause {
        /** No enabled, reachable node meets its requirements (or a broadcast's node run's node is gone). */
        NO_NODE,
        /** Nodes meet its requirements, but all their slots are taken. */
        SLOT,
        /** It runs after other tasks of its record (after), or is a broadcast waiting for its node runs. */
        DEPENDENCY,
        /** A try failed; it waits its retry_delay. */
        RETRY_DELAY,
        /** Its record does not exist (yet). */
        RECORD,
        /** Serve has not judged it yet: it just arrived, or its claim could not be written. */
        NEW
    }

    /**
     * A node's slots as this server sees them.
     *
     * @param busy slots running a task, on any server
     * @param free slots a new task could take now: none on a node that is disabled, quarantined, out of disk or
     *     unreachable
     */
    public record NodeSlots(String node, int busy, int free) {
        public NodeSlots {
            requireNonNull(node, "node is null");
        }
    }
}
