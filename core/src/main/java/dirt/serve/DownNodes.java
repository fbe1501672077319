package dirt.serve;

import dirt.node.NodeName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Nodes that could not be reached, kept out of placement for a while: 15 s after the first failure, doubling up to
 * 5 min while they keep failing. When its time is up a node is checked (connected to and pinged) once; it is up
 * again as soon as a check or a task reaches it. Used on the dispatcher thread only.
 */
final class DownNodes {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(15);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private record Down(String reason, int failures, Instant until, boolean checking) {}

    private final Map<NodeName, Down> down = new HashMap<>();

    /**
     * Notes a failure; returns when the node is tried again. Failures while the node is already left out are the same
     * outage (the runs lost with it, claims made a moment before it was noted) and do not lengthen the backoff: only a
     * failed check, or a failure after the node was let back in, does.
     */
    Instant failed(NodeName node, String reason, Instant now) {
        Down current = down.get(node);
        if (current != null && !current.checking() && now.isBefore(current.until())) {
            return current.until();
        }
        int failures = current != null ? current.failures() + 1 : 1;
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 10));
        Instant until = now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
        down.put(node, new Down(reason, failures, until, false));
        return until;
    }

    /** A node marked unreachable by an earlier server: checked at once, so that the mark goes if it answers. */
    void suspect(NodeName node, String reason) {
        down.putIfAbsent(node, new Down(reason, 0, Instant.EPOCH, false));
    }

    /** The node answered; returns whether it was down. */
    boolean reached(NodeName node) {
        return down.remove(node) != null;
    }

    /** Whether the node is being checked (connected to) now. */
    boolean isChecking(NodeName node) {
        Down entry = down.get(node);
        return entry != null && entry.checking();
    }

    /** Whether placement should skip the node now. */
    boolean isDown(NodeName node, Instant now) {
        Down entry = down.get(node);
        return entry != null && (entry.checking() || now.isBefore(entry.until()));
    }

    /** The down nodes whose time is up and that are not being checked yet; each is marked as being checked. */
    List<NodeName> dueForCheck(Instant now) {
        List<NodeName> due = new ArrayList<>();
        down.forEach((node, entry) -> {
            if (!entry.checking() && !now.isBefore(entry.until())) {
                due.add(node);
            }
        });
        due.forEach(node -> down.computeIfPresent(node,
                (name, entry) -> new Down(entry.reason(), entry.failures(), entry.until(), true)));
        return due;
    }

    /** E.g. {@code bench1: node unreachable: …}, for the nodes in {@code names}; retried with backoff. */
    String describe(List<NodeName> names) {
        return names.stream().map(name -> name + ": " + down.get(name).reason())
                .collect(Collectors.joining("; "));
    }
}
