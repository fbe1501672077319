package dirt.serve.backlog;

import dirt.json.JsonString;
import dirt.DirtException;
import dirt.serve.ServeViews;
import dirt.store.Store;
import dirt.store.ViewRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a waiting task's {@code after} ({@link After}) against the tasks of its record as the database has them,
 * read once per record per dispatcher pass. An entry that matches no task of the record waits like a missing record
 * ({@code [serve] record_wait}), then fails naming it. Lives on the dispatcher's thread.
 */
public final class AfterCheck {
    private final Store store;
    private final Duration patience;
    private final Clock clock;
    private final Map<String, List<After.Sibling>> read = new HashMap<>();
    private final Map<String, Instant> missingSince = new HashMap<>();

    public AfterCheck(Store store, Duration patience, Clock clock) {
        this.store = store;
        this.patience = patience;
        this.clock = clock;
    }

    /** A new pass: the records' tasks are read again. */
    public void newPass() {
        read.clear();
    }

    /**
     * The tasks of the record, as read in this pass.
     *
     * @throws DirtException when the database could not say
     */
    public List<After.Sibling> record(String recordId) {
        return read.computeIfAbsent(recordId, id -> store.viewDocuments(ServeViews.RECORDS_DESIGN,
                ServeViews.TASKS_BY_RECORD, ViewRange.key(new JsonString(id))).stream()
                .map(After.Sibling::of).toList());
    }

    public After.Verdict check(Pending task) {
        List<After.Sibling> record;
        try {
            record = record(task.recordId());
        } catch (DirtException e) {
            return new After.Waits("waiting for " + String.join(", ", task.after()) + " (cannot read the tasks of"
                    + " record " + task.recordId() + ": " + e.getMessage() + ")", List.of());
        }
        After.Verdict verdict = After.judge(task.id(), task.after(), record);
        if (verdict instanceof After.Waits waits && !waits.missing().isEmpty()) {
            Instant now = clock.instant();
            Instant since = missingSince.computeIfAbsent(task.id(), id -> now);
            if (!now.isBefore(since.plus(patience))) {
                missingSince.remove(task.id());
                return new After.Ends(String.format("after names %s, but no task of record %s has that name or _id"
                        + " (waited %d s) — fix \"after\" and post the task again", String.join(", ", waits.missing()),
                        task.recordId(), patience.toSeconds()), false);
            }
        } else {
            missingSince.remove(task.id());
        }
        return verdict;
    }
}
