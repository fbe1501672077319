package dirt.serve.claim;

import dirt.DirtException;
import dirt.document.DocumentReader;
import dirt.json.JsonObject;
import dirt.node.NodeName;
import dirt.serve.ServeEvents;
import dirt.serve.ServeViews;
import dirt.serve.ServerId;
import dirt.serve.run.Execution;
import dirt.serve.writeback.Attempts;
import dirt.serve.writeback.TaskWriter;
import dirt.store.Store;
import dirt.store.StoreUnreachableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the slots honest, on a thread of its own: renews this server's leases every {@link Slots#RENEW_EVERY} (a run
 * whose slot another server took meanwhile is stopped), frees its own slots whose free failed while the database did
 * not answer, frees the slots of dead servers and sends their tasks back to waiting, and every {@link #SWEEP_EVERY} looks for running tasks that no slot holds (a server died between two
 * writes) and sends those back too; every {@link Conflicts#EVERY} it resolves conflicting revisions (a cluster).
 */
public final class Leases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leases.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** How long after its start a task of this server that it does not run yet may still be about to start. */
    static final Duration OWN_GRACE = Duration.ofMinutes(1);

    private final Store store;
    private final Slots slots;
    private final TaskWriter writer;
    private final Execution execution;
    private final Conflicts conflicts;
    private final ServerId me;
    private final int maxLost;
    private final Clock clock;
    private final ServeEvents events;
    // Two threads: a slow sweep (a view that may be building) must never hold up the renewals.
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "dirt-leases");
        thread.setDaemon(true);
        return thread;
    });
    private Instant lastRenewal = Instant.EPOCH;

    public Leases(Store store, Slots slots, TaskWriter writer, Execution execution, ServerId me, int maxLost,
            ServeEvents events, Clock clock) {
        this.events = events;
        this.store = store;
        this.slots = slots;
        this.writer = writer;
        this.execution = execution;
        this.conflicts = new Conflicts(store);
        this.me = me;
        this.maxLost = maxLost;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::check, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::sweepSafely, 0, SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::resolveConflicts, Conflicts.EVERY.toMillis(), Conflicts.EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void resolveConflicts() {
        try {
            conflicts.resolve();
        } catch (RuntimeException e) {
            log.warn("looking for conflicting revisions failed; trying again in {} s: {}", Conflicts.EVERY.toSeconds(),
                    e.getMessage());
        }
    }

    /**
     * One round: renew when due, read every slot again (which also proves the database answers: a lease is only
     * seen running out while it does), then free the stale ones.
     */
    void check() {
        try {
            Instant now = clock.instant();
            if (!now.isBefore(lastRenewal.plus(Slots.RENEW_EVERY))) {
                slots.renew().forEach(this::stopLostRun);
                lastRenewal = now;
            }
            store.withIdPrefix(Slots.PREFIX).forEach(slots::seen);
            List<String> freed = slots.freeForgotten();
            if (!freed.isEmpty()) {
                log.info("freed {} slot(s) this server could not free while the database did not answer: {}",
                        freed.size(), String.join(", ", freed));
            }
            reclaim(slots.stale(me.host()));
        } catch (StoreUnreachableException e) {
            slots.forgetExpiries();
            log.warn("cannot reach the database to renew leases; trying again: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("checking leases failed; trying again", e);
        }
    }

    private void stopLostRun(String taskId) {
        log.warn("{}: another server took its slot while this server could not renew its lease; stopping the run"
                + " here (it runs again there)", taskId);
        execution.cancel(taskId);
    }

    /**
     * Frees the stale slots and sends the running tasks that name them back to waiting: the running tasks are read
     * once for all the slots freed, however many a dead server held.
     */
    private void reclaim(List<Slots.Slot> stale) {
        List<Slots.Slot> cleared = stale.stream().filter(slots::clear).toList();
        if (cleared.isEmpty()) {
            return;
        }
        List<JsonObject> running = store.viewDocuments(ServeViews.DESIGN, ServeViews.RUNNING);
        for (Slots.Slot slot : cleared) {
            String holder = slot.server().map(ServerId::label).orElse("an unknown server");
            boolean processGone = slot.server().map(server -> server.isDeadOn(me.host())).orElse(false);
            String why = "server " + holder + " is gone (" + (processGone ? "its process ended" : "its lease on slot "
                    + slot.index() + " of node " + slot.node() + " ran out") + ")";
            for (JsonObject doc : running) {
                if (ranIn(doc, slot, holder)) {
                    lose(doc.id().orElse(""), current -> ranIn(current, slot, holder)
                            && Attempts.attempt(current) == Attempts.attempt(doc), why);
                }
            }
        }
    }

    /** Whether {@code task} says it runs in {@code slot}, for {@code holder}. */
    private static boolean ranIn(JsonObject task, Slots.Slot slot, String holder) {
        return task.string(Attempts.SERVER).filter(holder::equals).isPresent()
                && task.string("node").filter(slot.node().value()::equals).isPresent()
                && Attempts.slot(task).filter(index -> index == slot.index()).isPresent();
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("looking for lost tasks failed; trying again in {} s: {}", SWEEP_EVERY.toSeconds(),
                    e.getMessage());
        }
    }

    /**
     * Running tasks that nobody runs are lost: another server's whose slot its server no longer holds (it died between
     * taking the slot and freeing it), and this server's own that it no longer runs (after {@link #OWN_GRACE}, so that
     * a task claimed a moment ago and about to start is not one).
     */
    private void sweep() {
        Instant now = clock.instant();
        for (JsonObject doc : store.viewDocuments(ServeViews.DESIGN, ServeViews.RUNNING)) {
            String id = doc.id().orElse("");
            boolean mine = doc.string(Attempts.SERVER).filter(me.label()::equals).isPresent();
            if (mine ? execution.isRunning(id) || startedWithin(doc, now, OWN_GRACE) : heldBySlot(doc)) {
                continue;
            }
            lose(id, current -> current.get(Attempts.SERVER).equals(doc.get(Attempts.SERVER))
                    && Attempts.attempt(current) == Attempts.attempt(doc)
                    && (mine ? !execution.isRunning(id) : !heldBySlot(current)),
                    "no server runs it: " + (mine ? "this server no longer runs it" : "its server "
                            + doc.string(Attempts.SERVER).orElse("?") + " holds no slot it names (it stopped or let it go)"));
        }
    }

    private static boolean startedWithin(JsonObject task, Instant now, Duration within) {
        return new DocumentReader(task).epochSeconds("started").map(started -> started.plus(within).isAfter(now))
                .orElse(false);
    }

    /** Whether the task's server holds the slot the task names. */
    private boolean heldBySlot(JsonObject task) {
        Optional<Integer> index = Attempts.slot(task);
        Optional<String> node = task.string("node");
        if (index.isEmpty() || node.isEmpty()) {
            return false;
        }
        Optional<Slots.Slot> slot = slots.fresh(new NodeName(node.get()), index.get());
        return slot.isPresent() && slot.get().server().map(ServerId::label)
                .equals(Optional.of(task.string(Attempts.SERVER).orElse("")));
    }

    private void lose(String taskId, Predicate<JsonObject> stillThatRun, String why) {
        try {
            writer.updateRaw(taskId, current -> !current.has("completed") && current.has("started")
                    && stillThatRun.test(current) ? Attempts.lost(current, why, clock.instant(), maxLost) : null)
                    .ifPresent(doc -> {
                        events.lost(doc.string("name").orElse(""), ServeEvents.Lost.SERVER);
                        log.warn("{}: {} — {}", taskId, why, doc.has("completed")
                                ? "failed for good: lost too often" : "it runs again");
                    });
        } catch (DirtException e) {
            log.warn("could not send lost task {} back to waiting: {}", taskId, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
