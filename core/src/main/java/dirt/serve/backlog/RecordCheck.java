package dirt.serve.backlog;

import dirt.DirtException;
import dirt.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a task's record exists. A task may arrive before its record (two posts, or a bulk post in any order), so a
 * task whose record is missing waits for it ({@code [serve] record_wait}), then fails. Records seen in the changes feed are
 * remembered; others are looked up, at most once per {@link #LOOK_AGAIN} each.
 */
public final class RecordCheck {
    static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

    private final Store store;
    private final Duration patience;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> missingSince = new HashMap<>();
    private final Map<String, Instant> lookedUp = new HashMap<>();

    public RecordCheck(Store store, Duration patience, Clock clock) {
        this.store = store;
        this.patience = patience;
        this.clock = clock;
    }

    /** A record document was seen. Any thread. */
    public void seen(String recordId) {
        known.add(recordId);
    }

    /** Empty when the record exists; else what the task waits for, or (after the patience) why it fails. */
    public synchronized Optional<Missing> check(String recordId) {
        if (known.contains(recordId)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant last = lookedUp.get(recordId);
        if (last == null || !now.isBefore(last.plus(LOOK_AGAIN))) {
            lookedUp.put(recordId, now);
            try {
                if (store.get(recordId).flatMap(doc -> doc.string("type")).filter("record"::equals).isPresent()) {
                    known.add(recordId);
                    missingSince.remove(recordId);
                    lookedUp.remove(recordId);
                    return Optional.empty();
                }
            } catch (DirtException e) {
                return Optional.of(new Missing(false, "cannot look up record \"" + recordId + "\": " + e.getMessage()));
            }
        }
        Instant since = missingSince.computeIfAbsent(recordId, id -> now);
        boolean givenUp = !now.isBefore(since.plus(patience));
        return Optional.of(new Missing(givenUp, givenUp
                ? "unknown record_id \"" + recordId + "\": no record document with that _id (waited "
                        + patience.toSeconds() + " s) — post the record, then post the task again"
                : "waits for its record \"" + recordId + "\", which does not exist yet"));
    }

    /** Why a task's record is missing; {@code final} when the task should fail rather than wait. */
    public record Missing(boolean givenUp, String reason) {}
}
