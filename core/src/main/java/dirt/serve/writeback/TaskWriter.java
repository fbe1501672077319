package dirt.serve.writeback;

import dirt.json.JsonObject;
import dirt.serve.ServeEvents;
import dirt.store.Store;
import dirt.store.StoreUnreachableException;
import dirt.store.Written;
import dirt.task.Task;
import dirt.task.TaskTally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes onto task documents. A claim is one write guarded by the {@code _rev} the task was read at: a conflict means
 * another server (or a user) got there first. Every other write is applied to the current version, reading it again
 * when it changed in between, so no write-back is lost and none overwrites another's change (on a cluster, the
 * revision of this server's own claim is found even while another is shown). {@link #updateDurably}
 * also waits out a database outage, for what must not be lost (a run's results). Every claim, claim conflict and
 * completion it writes is told to the {@link ServeEvents}.
 */
public final class TaskWriter {
    private static final Logger log = LoggerFactory.getLogger(TaskWriter.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Store store;
    private final WriteBack writeBack;
    private final ServeEvents events;

    TaskWriter(Store store) {
        this(store, ServeEvents.NONE);
    }

    public TaskWriter(Store store, ServeEvents events) {
        this.store = store;
        this.writeBack = new WriteBack(store);
        this.events = events;
    }

    /** Stops writing in batches; later durable writes go one by one. */
    public void stopBatching() {
        writeBack.stop();
    }

    /** Writes documents in one request as they are, each guarded by its {@code _rev}; per document its outcome. */
    public List<Written> putAll(List<JsonObject> docs) {
        return store.putAll(docs);
    }

    /**
     * Claims tasks in one write to the database (one {@code _bulk_docs}, each document with the {@code _rev} its task
     * was read at): per document, in order, the stored document, or empty when someone changed that task first. A
     * conflict drops only its own task. On a cluster each claim is also checked against every copy
     * ({@link Store#claimAll}), so that two servers never both hold one.
     */
    public List<Optional<JsonObject>> claimAll(List<JsonObject> claimed) {
        List<Written> results = store.claimAll(claimed);
        List<Optional<JsonObject>> stored = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Written result = results.get(i);
            if (!result.ok() && !result.conflict()) {
                log.warn("could not claim task {}: {}", result.id(), result.problem().orElseThrow());
            }
            JsonObject doc = claimed.get(i);
            if (result.ok()) {
                events.claimed(doc.string("name").orElse(""));
            } else if (result.conflict()) {
                events.conflict(ServeEvents.Conflict.TASK);
            }
            stored.add(result.rev().map(rev -> doc.with("_rev", rev)));
        }
        return stored;
    }

    /**
     * Applies {@code change} to the task's current document and stores it. Returns the stored document, or empty when
     * the document is gone (deleted while it ran) or {@code change} declined by returning null.
     */
    public Optional<JsonObject> update(String taskId, Function<Task, JsonObject> change) {
        return updateRaw(taskId, current -> change.apply(Task.fromJson(current)));
    }

    /** {@link #update} for documents that may not be valid tasks. */
    public Optional<JsonObject> updateRaw(String taskId, UnaryOperator<JsonObject> change) {
        Watched watched = new Watched(change);
        return watched.told(write(taskId, watched, false));
    }

    /**
     * A change that remembers whether the revision it was last applied to had completed, so that a write that
     * completes a task is told once, whatever revisions it was tried on.
     */
    private final class Watched implements UnaryOperator<JsonObject> {
        private final UnaryOperator<JsonObject> change;
        private boolean wasCompleted;

        Watched(UnaryOperator<JsonObject> change) {
            this.change = change;
        }

        @Override
        public JsonObject apply(JsonObject current) {
            wasCompleted = current.has("completed");
            return change.apply(current);
        }

        Optional<JsonObject> told(Optional<JsonObject> stored) {
            stored.filter(doc -> doc.has("completed") && !wasCompleted).ifPresent(doc ->
                    events.completed(doc.string("name").orElse(""), TaskTally.statusOf(doc)));
            return stored;
        }
    }

    private Optional<JsonObject> write(String taskId, UnaryOperator<JsonObject> change, boolean ownRun) {
        // The store hands back the document written, with its new revision.
        return store.upsert(taskId, current -> {
            if (current.isEmpty()) {
                log.warn("task {} was deleted; nothing is written onto it", taskId);
                return null;
            }
            JsonObject updated = change.apply(current.get());
            return updated == null && ownRun ? onLosingRevision(taskId, change) : updated;
        });
    }

    /**
     * {@code change} applied to a live revision other than the one the store shows, when one accepts it. On a CouchDB
     * cluster a claim this server won can stand beside the revision of a writer that lost the same race until that
     * writer withdraws it, and CouchDB may show the loser meanwhile; the run's writes go onto the claim's own revision,
     * which then wins.
     */
    private JsonObject onLosingRevision(String taskId, UnaryOperator<JsonObject> change) {
        var revisions = store.revisions(taskId);
        for (JsonObject revision : revisions.subList(Math.min(1, revisions.size()), revisions.size())) {
            JsonObject updated = change.apply(revision);
            if (updated != null) {
                return updated;
            }
        }
        return null;
    }

    /**
     * A write about this server's own run, in a batch with others where it can ({@link WriteBack}; onto
     * {@code guess}, the document as this server last wrote it, without reading it first), else as
     * {@link #updateRaw}; tried again with backoff (1 s, doubling up to 30 s)
     * while the database cannot be reached and {@code keepTrying} holds. {@code change} must be safe to apply twice (a
     * write that reached the database before its answer was lost is seen, on the next try, in the document itself)
     * and must decline (return null) every revision that is not this server's claim of the run: on a cluster it is
     * also offered the revisions CouchDB does not show ({@link #onLosingRevision}).
     */
    public Optional<JsonObject> updateDurably(String taskId, Optional<JsonObject> guess,
            UnaryOperator<JsonObject> change, BooleanSupplier keepTrying) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        Watched watched = new Watched(change);
        while (true) {
            try {
                Optional<JsonObject> batched = writeBack.write(taskId, guess, watched);
                guess = Optional.empty();
                return watched.told(batched.isPresent() ? batched : write(taskId, watched, true));
            } catch (StoreUnreachableException e) {
                if (!keepTrying.getAsBoolean()) {
                    throw e;
                }
                log.warn("cannot write onto task {}, trying again in {} s: {}", taskId, backoff.toSeconds(),
                        e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
