package dirt.serve;

import dirt.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tasks this server may still start, and what it last said about why each waits. No I/O: the dispatcher
 * decides and writes. Not thread-safe: it lives on the dispatcher's thread.
 */
final class Backlog {
    private final Map<String, Task> pending = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();
    /** The pending tasks that wait only for a node (none matches, or all are full): what --until-done may leave. */
    private final Set<String> waitingForNodes = new HashSet<>();

    /** A task that may start, as last seen; what was said about an earlier version of it no longer holds. */
    void add(Task task) {
        String id = task.id().value();
        pending.put(id, task);
        reasons.remove(id);
    }

    /** The task started, ended, or is gone. */
    void remove(String id) {
        pending.remove(id);
        reasons.remove(id);
        waitingForNodes.remove(id);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * The pending tasks in the order they are placed: a task that ran before (lost with its node or server, handed
     * back, tried again) first, as it was admitted once and its users have waited longest; then oldest
     * {@code created} first, then by id.
     */
    List<Task> inOrder() {
        List<Task> queue = new ArrayList<>(pending.values());
        queue.sort(Comparator.comparing((Task task) -> Attempts.attempt(task) == 0)
                .thenComparing(task -> task.created().orElse(Instant.EPOCH))
                .thenComparing(task -> task.id().value()));
        return queue;
    }

    /**
     * Remembers why the task waits; whether that is news to be written onto its document (neither said before nor
     * already on the document).
     */
    boolean waits(Task task, String reason) {
        String id = task.id().value();
        boolean known = reason.equals(reasons.get(id)) || reason.equals(task.field(Attempts.WAITING).asText(null));
        reasons.put(id, reason);
        return !known;
    }

    /** Writing the task's reason to wait failed: say it again next round. */
    void reasonNotWritten(String id) {
        reasons.remove(id);
    }

    /** Whether the task waits only for a node, as of the current round. */
    void waitsForNode(String id, boolean onlyForNode) {
        if (onlyForNode) {
            waitingForNodes.add(id);
        } else {
            waitingForNodes.remove(id);
        }
    }

    /** Whether every pending task waits only for a node: nothing more will start without a change of nodes. */
    boolean onlyWaitingForNodes() {
        return waitingForNodes.containsAll(pending.keySet());
    }
}
