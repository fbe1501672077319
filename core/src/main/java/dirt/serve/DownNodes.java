package dirt.serve;

import dirt.node.NodeName;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Nodes that could not be reached, kept out of placement for a while: 15 s after the first failure, doubling up to
 * 5 min while they keep failing. A node is tried again when its time is up, and is up again once a task reaches it.
 * Used on the dispatcher thread only.
 */
final class DownNodes {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(15);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private record Down(String reason, int failures, Instant until) {}

    private final Map<NodeName, Down> down = new HashMap<>();

    void failed(NodeName node, String reason, Instant now) {
        int failures = down.containsKey(node) ? down.get(node).failures() + 1 : 1;
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 10));
        down.put(node, new Down(reason, failures, now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff)));
    }

    void reached(NodeName node) {
        down.remove(node);
    }

    /** Whether placement should skip the node now. */
    boolean isDown(NodeName node, Instant now) {
        Down entry = down.get(node);
        return entry != null && now.isBefore(entry.until());
    }

    /** E.g. {@code bench1: node unreachable: …}, for the nodes in {@code names}; retried with backoff. */
    String describe(List<NodeName> names) {
        return names.stream().map(name -> name + ": " + down.get(name).reason())
                .collect(Collectors.joining("; "));
    }
}
