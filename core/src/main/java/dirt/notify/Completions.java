package dirt.notify;

import dirt.config.NotifyEvent;
import dirt.config.NotifySettings;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.node.Node;
import dirt.record.Record;
import dirt.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on completed tasks: decides whether one is worth a message, claims it on the task document (claim, then
 * send: see {@link Notifier}) and hands it to {@link Delivery}; sends a record's summary once all its tasks have
 * completed; and resumes claims left unsent by an earlier run of this server or by a server gone for good.
 */
final class Completions {
    private static final Logger log = LoggerFactory.getLogger(Completions.class);

    private final NotifySettings settings;
    private final Store store;
    private final Composer composer;
    private final Marks marks;
    private final Delivery delivery;
    private final Identity identity;
    private final Clock clock;

    /** Who claims: the server's name, this run's id, and when a claim of another server counts as abandoned. */
    record Identity(String by, String run, Duration staleAfter) {}

    Completions(NotifySettings settings, Store store, Composer composer, Marks marks, Delivery delivery,
            Identity identity, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.composer = composer;
        this.marks = marks;
        this.delivery = delivery;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Handles a document from the changes feed; anything but a completed task is ignored, and so is a task a user
     * cancelled (they know), a task skipped because one it runs after did not pass (that one's message says it), and a
     * broadcast's node run (its parent's message names the nodes that failed).
     */
    void seen(JsonObject doc) {
        if (doc.string("type").filter(Node.TYPE::equals).isPresent()) {
            if (settings.on().contains(NotifyEvent.NODE)) {
                nodeNews(doc);
            }
            return;
        }
        Optional<FinishedTask> finished = FinishedTask.from(doc);
        if (finished.isEmpty() || doc.get("parent").filter(parent -> parent != JsonNull.NULL).isPresent()) {
            return;
        }
        FinishedTask task = finished.get();
        Optional<JsonObject> results = doc.object("results");
        boolean cancelled = results.flatMap(r -> r.bool("cancelled")).orElse(false)
                || results.flatMap(r -> r.bool("skipped")).orElse(false);
        if (!cancelled && Claim.of(doc).filter(claim -> claim.isFor(task.completed())).isEmpty()) {
            notifyTask(task);
        }
        if (settings.recordSummary()) {
            summarize(task.recordId());
        }
    }

    private void notifyTask(FinishedTask task) {
        Set<NotifyEvent> wanted = settings.eventsFor(task.name());
        if (wanted.isEmpty()) {
            return;
        }
        Optional<FinishedTask> previous = composer.previous(task);
        Optional<Kind> kind = Decision.decide(wanted, settings.nospam(), task.passed(),
                previous.map(FinishedTask::passed));
        if (kind.isEmpty()) {
            log.debug("task {} ({}) {}: no notification (previous: {})", task.id(), task.name(), task.status(),
                    previous.map(FinishedTask::status).orElse("none"));
            return;
        }
        Notification message = composer.task(task, kind.get(), previous);
        Claim claim = claim(task.completed(), kind.get(), previous.map(FinishedTask::id));
        Predicate<JsonObject> sameCompletion = doc -> FinishedTask.from(doc)
                .filter(current -> claim.isFor(current.completed())).isPresent();
        marks.write(task.id(), sameCompletion.and(Marks.unclaimed(claim)), claim)
                .ifPresent(stored -> delivery.deliver(task.id(), claim, message));
    }

    /**
     * Tells what happened to a node since the last message about it (quarantined, facts changed), once: the claim
     * names the newest event told, and a later event makes the next message.
     */
    private void nodeNews(JsonObject doc) {
        Optional<Claim> last = Claim.of(doc).filter(claim -> claim.kind().aboutNode());
        Optional<NodeNews> news = NodeNews.from(doc, last.map(Claim::key), clock.instant());
        if (news.isEmpty()) {
            return;
        }
        JsonNumber newest = news.get().newest();
        Claim claim = new Claim(newest, news.get().kind(), last.map(Claim::keyText), Claim.State.SENDING,
                identity.by(), identity.run(), clock.instant(), Map.of());
        Notification message = composer.node(news.get(), doc);
        Predicate<JsonObject> notToldYet = current -> Claim.of(current).filter(existing -> existing.kind().aboutNode()
                && existing.key().value().compareTo(newest.value()) >= 0).isEmpty();
        String id = doc.id().orElse("");
        marks.write(id, notToldYet, claim).ifPresent(stored -> delivery.deliver(id, claim, message));
    }

    private void summarize(String recordId) {
        Optional<List<FinishedTask>> tasks = composer.finishedTasks(recordId);
        if (tasks.isEmpty()) {
            return;
        }
        Claim claim = claim(JsonNumber.of(tasks.get().size()), Kind.RECORD_SUMMARY, Optional.empty());
        Predicate<JsonObject> isRecord = doc -> doc.string("type").filter(Record.TYPE::equals).isPresent();
        Optional<JsonObject> record = store.get(recordId).filter(isRecord);
        if (record.isEmpty()) {
            log.debug("record {} has no record document: no summary", recordId);
            return;
        }
        if (!Marks.unclaimed(claim).test(record.get())) {
            return;
        }
        Notification message = composer.summary(recordId, tasks.get());
        marks.write(recordId, isRecord.and(Marks.unclaimed(claim)), claim)
                .ifPresent(stored -> delivery.deliver(recordId, claim, message));
    }

    /**
     * Takes over claims still {@code sending}: at {@code startup} those of an earlier run of this server, and always
     * those of any server older than {@link Identity#staleAfter()} (that server is gone).
     */
    void resumeClaims(boolean startup) {
        Instant now = clock.instant();
        for (JsonObject doc : store.viewDocuments(NotifyViews.DESIGN, NotifyViews.SENDING)) {
            Optional<Claim> found = Claim.of(doc).filter(claim -> claim.state() == Claim.State.SENDING);
            if (found.isEmpty() || found.get().run().equals(identity.run())) {
                continue;
            }
            Claim old = found.get();
            boolean earlierRun = startup && old.by().equals(identity.by());
            boolean stale = old.at().plus(identity.staleAfter()).isBefore(now);
            if (earlierRun || stale) {
                takeOver(doc, old, now);
            }
        }
    }

    private void takeOver(JsonObject doc, Claim old, Instant now) {
        String id = doc.id().orElse("");
        Optional<Notification> message = composer.resumed(doc, old);
        if (message.isEmpty()) {
            log.warn("cannot resume the notification claimed on {}: the document changed", id);
            return;
        }
        Claim mine = old.takenOverBy(identity.by(), identity.run(), now);
        marks.write(id, Marks.heldBy(old), mine).ifPresent(stored -> {
            log.info("resuming notification \"{}\" claimed by {} at {}", message.get().subject(), old.by(), old.at());
            delivery.deliver(id, mine, message.get());
        });
    }

    private Claim claim(JsonNumber key, Kind kind, Optional<String> previous) {
        return new Claim(key, kind, previous, Claim.State.SENDING, identity.by(), identity.run(), clock.instant(),
                Map.of());
    }
}
