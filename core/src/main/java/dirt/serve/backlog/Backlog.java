package dirt.serve.backlog;

import java.util.ArrayList;
import dirt.serve.ServeState.WaitCause;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tasks this server may still start, in the order they are placed, and what it last said about why each waits.
 * No I/O: the dispatcher decides and writes. Not thread-safe: it lives on the dispatcher's thread.
 *
 * <p>The order: a task that ran before (lost with its node or server, handed back, tried again) first, as it was
 * admitted once and its users have waited longest; then oldest {@code created} first, then by id. It is kept sorted
 * as tasks come and go, so a round over a large backlog does not sort it again.
 */
public final class Backlog {
    private static final Comparator<Pending> ORDER = Comparator.comparing((Pending task) -> !task.ranBefore())
            .thenComparing(Pending::created)
            .thenComparing(Pending::id);

    private final Map<String, Pending> byId = new HashMap<>();
    private final NavigableSet<Pending> ordered = new TreeSet<>(ORDER);
    private final Map<String, String> reasons = new HashMap<>();
    /** Per record, the pending tasks that run after others ({@code after}): news for them when a task of it changes. */
    private final Map<String, Set<String>> dependents = new HashMap<>();
    /** The pending tasks that wait only for a node (none matches, or all are full): what --until-done may leave. */
    private final Set<String> waitingForNodes = new HashSet<>();
    /** Why each task waits, as of the last pass that judged it (for metrics), and how many wait for each cause. */
    private final Map<String, WaitCause> causes = new HashMap<>();
    private final Map<WaitCause, Integer> counts = new EnumMap<>(WaitCause.class);

    /**
     * A task that may start, as last seen; what was said about an earlier version of it no longer holds, but why it
     * waited counts until it is judged again.
     */
    public void add(Pending task) {
        WaitCause cause = causes.get(task.id());
        remove(task.id());
        if (cause != null) {
            cause(task.id(), cause);
        }
        byId.put(task.id(), task);
        ordered.add(task);
        if (task.waitsOnOthers()) {
            dependents.computeIfAbsent(task.recordId(), record -> new HashSet<>()).add(task.id());
        }
    }

    /** The task started, ended, or is gone. */
    public void remove(String id) {
        Pending gone = byId.remove(id);
        if (gone != null) {
            ordered.remove(gone);
            Set<String> ofRecord = dependents.get(gone.recordId());
            if (ofRecord != null && ofRecord.remove(id) && ofRecord.isEmpty()) {
                dependents.remove(gone.recordId());
            }
        }
        reasons.remove(id);
        waitingForNodes.remove(id);
        WaitCause cause = causes.remove(id);
        if (cause != null) {
            counts.merge(cause, -1, Integer::sum);
        }
    }

    /** Why the task waits, as this pass judged it. */
    public void cause(String id, WaitCause cause) {
        WaitCause before = causes.put(id, cause);
        if (before != cause) {
            counts.merge(cause, 1, Integer::sum);
            if (before != null) {
                counts.merge(before, -1, Integer::sum);
            }
        }
    }

    /** How many tasks wait for each cause; those not judged yet count as {@link WaitCause#NEW}. */
    public Map<WaitCause, Integer> causes() {
        Map<WaitCause, Integer> copy = new EnumMap<>(counts);
        copy.put(WaitCause.NEW, copy.getOrDefault(WaitCause.NEW, 0) + byId.size() - causes.size());
        return copy;
    }

    /** The pending tasks of the record that run after others. */
    public Set<String> dependentsIn(String recordId) {
        return Set.copyOf(dependents.getOrDefault(recordId, Set.of()));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** The pending tasks in the order they are placed (a copy: the caller may add and remove meanwhile). */
    public List<Pending> inOrder() {
        return new ArrayList<>(ordered);
    }

    /**
     * Remembers why the task waits; whether that is news to be written onto its document (neither said before nor
     * already on the document). Only reasons not yet on the document are kept, one copy of each text.
     */
    public boolean waits(Pending task, String reason) {
        if (reason.equals(task.said())) {
            reasons.remove(task.id());
            return false;
        }
        boolean known = reason.equals(reasons.get(task.id()));
        reasons.put(task.id(), reason.intern());
        return !known;
    }

    /** Writing the task's reason to wait failed: say it again next round. */
    public void reasonNotWritten(String id) {
        reasons.remove(id);
    }

    /**
     * Whether the task waits only for a node, or for other tasks (which wait for a node or run), as of the current
     * round: nothing about it changes by time alone.
     */
    public void waitsForNode(String id, boolean onlyForNode) {
        if (onlyForNode) {
            waitingForNodes.add(id);
        } else {
            waitingForNodes.remove(id);
        }
    }

    /** Whether every pending task waits only for a node: nothing more will start without a change of nodes. */
    public boolean onlyWaitingForNodes() {
        return waitingForNodes.containsAll(byId.keySet());
    }
}
