package dirt.schedule;

import dirt.json.JsonObject;
import dirt.store.ConflictException;
import dirt.store.Store;
import dirt.store.Written;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the scheduler decided. The schedule's new state is one write guarded by the {@code _rev} it was read
 * at: when several servers decide the same firing, one write wins and only its server creates the run. The run's
 * record and tasks are written in one bulk request; documents that exist already (a retry) are left alone.
 */
final class Firing {
    private static final Logger log = LoggerFactory.getLogger(Firing.class);

    private final Store store;

    Firing(Store store) {
        this.store = store;
    }

    /** Stores {@code schedule} with {@code next} as its state unless its document changed since it was read. */
    boolean claim(Schedule schedule, ScheduleState next) {
        try {
            store.claim(schedule.withState(next).json());
            return true;
        } catch (ConflictException e) {
            log.debug("schedule {} changed since it was read (another server, or a user): deciding again", schedule.id());
            return false;
        }
    }

    /** Creates the record and tasks of the run due at {@code run} that fired at {@code fired}. */
    void createRun(Schedule schedule, Instant run, Instant fired) {
        List<JsonObject> docs = RunDocuments.of(schedule, run, fired);
        List<Written> outcomes = store.putAll(docs);
        int written = 0;
        for (Written outcome : outcomes) {
            if (outcome.ok()) {
                written++;
            } else if (!outcome.conflict()) {
                log.warn("schedule {}: could not create {}: {}", schedule.name(), outcome.id(),
                        outcome.problem().orElseThrow());
            }
        }
        if (written > 0) {
            log.info("schedule {} fired: record {} with {} task(s)", schedule.name(),
                    RunDocuments.recordId(schedule.name(), run), docs.size() - 1);
        }
    }
}
