package dirt.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.config.NotifyEvent;
import dirt.config.NotifySettings;
import dirt.json.JacksonBridge;
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
    void seen(ObjectNode doc) {
        if (Node.TYPE.equals(doc.path("type").asText())) {
            if (settings.on().contains(NotifyEvent.NODE)) {
                nodeNews(doc);
            }
            return;
        }
        Optional<FinishedTask> finished = FinishedTask.from(doc);
        if (finished.isEmpty() || doc.hasNonNull("parent")) {
            return;
        }
        FinishedTask task = finished.get();
        boolean cancelled = doc.path("results").path("cancelled").asBoolean(false)
                || doc.path("results").path("skipped").asBoolean(false);
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
        Predicate<ObjectNode> sameCompletion = doc -> FinishedTask.from(doc)
                .filter(current -> claim.isFor(current.completed())).isPresent();
        marks.write(task.id(), sameCompletion.and(Marks.unclaimed(claim)), claim)
                .ifPresent(stored -> delivery.deliver(task.id(), claim, message));
    }

    /**
     * Tells what happened to a node since the last message about it (quarantined, facts changed), once: the claim
     * names the newest event told, and a later event makes the next message.
     */
    private void nodeNews(ObjectNode doc) {
        Optional<Claim> last = Claim.of(doc).filter(claim -> claim.kind().aboutNode());
        Optional<NodeNews> news = NodeNews.from(doc, last.map(Claim::key), clock.instant());
        if (news.isEmpty()) {
            return;
        }
        JsonNode newest = news.get().newest();
        Claim claim = new Claim(newest, news.get().kind(), last.map(old -> old.key().asText()), Claim.State.SENDING,
                identity.by(), identity.run(), clock.instant(), Map.of());
        Notification message = composer.node(news.get(), doc);
        Predicate<ObjectNode> notToldYet = current -> Claim.of(current).filter(existing -> existing.kind().aboutNode()
                && existing.key().decimalValue().compareTo(newest.decimalValue()) >= 0).isEmpty();
        marks.write(doc.path("_id").asText(), notToldYet, claim)
                .ifPresent(stored -> delivery.deliver(doc.path("_id").asText(), claim, message));
    }

    private void summarize(String recordId) {
        Optional<List<FinishedTask>> tasks = composer.finishedTasks(recordId);
        if (tasks.isEmpty()) {
            return;
        }
        Claim claim = claim(IntNode.valueOf(tasks.get().size()), Kind.RECORD_SUMMARY, Optional.empty());
        Optional<ObjectNode> record = store.get(recordId).map(JacksonBridge::tree)
                .filter(doc -> Record.TYPE.equals(doc.path("type").asText()));
        if (record.isEmpty()) {
            log.debug("record {} has no record document: no summary", recordId);
            return;
        }
        if (!Marks.unclaimed(claim).test(record.get())) {
            return;
        }
        Notification message = composer.summary(recordId, tasks.get());
        Predicate<ObjectNode> isRecord = doc -> Record.TYPE.equals(doc.path("type").asText());
        marks.write(recordId, isRecord.and(Marks.unclaimed(claim)), claim)
                .ifPresent(stored -> delivery.deliver(recordId, claim, message));
    }

    /**
     * Takes over claims still {@code sending}: at {@code startup} those of an earlier run of this server, and always
     * those of any server older than {@link Identity#staleAfter()} (that server is gone).
     */
    void resumeClaims(boolean startup) {
        Instant now = clock.instant();
        for (ObjectNode doc : JacksonBridge.trees(store.viewDocuments(NotifyViews.DESIGN, NotifyViews.SENDING))) {
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

    private void takeOver(ObjectNode doc, Claim old, Instant now) {
        String id = doc.path("_id").asText();
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

    private Claim claim(JsonNode key, Kind kind, Optional<String> previous) {
        return new Claim(key, kind, previous, Claim.State.SENDING, identity.by(), identity.run(), clock.instant(),
                Map.of());
    }
}
