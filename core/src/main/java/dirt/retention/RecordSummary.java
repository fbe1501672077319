package dirt.retention;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A record and its tasks as retention sees them. {@code rev} is empty when the tasks were posted without a record
 * document (dirt allows that): then only the tasks are deleted. {@code size} is about how large the record's JSON is.
 */
public record RecordSummary(String id, Optional<String> rev, Optional<Instant> created, long size,
        List<RunSummary> tasks) {
    public RecordSummary {
        requireNonNull(id, "id is null");
        requireNonNull(rev, "rev is null");
        requireNonNull(created, "created is null");
        tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
    }

    /** How many documents deleting the record deletes: its tasks, and the record document when there is one. */
    public int documents() {
        return tasks.size() + (rev.isPresent() ? 1 : 0);
    }

    /** The newest time on the record or its tasks (created, completed); empty when none has one. */
    Optional<Instant> lastActivity() {
        Optional<Instant> last = created;
        for (RunSummary task : tasks) {
            last = later(later(last, task.created()), task.completed());
        }
        return last;
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.filter(t -> t.isAfter(a.get())).or(() -> a);
    }
}
