package dirt.notify;

import dirt.json.JsonArray;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.store.Store;
import dirt.store.ViewRange;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Reads what a message needs from the store (the previous task of a name, stderr, a record's tasks) and writes it. */
final class Composer {
    static final String STDERR = "stderr.txt";

    private final Store store;
    private final Messages messages;
    private final Clock clock;

    Composer(Store store, Messages messages, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.clock = clock;
    }

    /** The completed task of the same name before {@code task}, by completion time (ties by id); empty if none. */
    Optional<FinishedTask> previous(FinishedTask task) {
        JsonArray from = JsonArray.of(new JsonString(task.name()), task.completed(), new JsonString(task.id()));
        JsonArray to = JsonArray.of(new JsonString(task.name()));
        return store.viewDocuments(NotifyViews.DESIGN, NotifyViews.COMPLETED_BY_NAME, new ViewRange(from, to, true, 3))
                .stream().flatMap(doc -> FinishedTask.from(doc).stream())
                .filter(other -> !other.id().equals(task.id()) && other.name().equals(task.name())).findFirst();
    }

    Notification task(FinishedTask task, Kind kind, Optional<FinishedTask> previous) {
        Optional<Tail> stderr = task.failed() && task.attachments().contains(STDERR)
                ? store.attachment(task.id(), STDERR).map(bytes -> Tail.of(STDERR, bytes)) : Optional.empty();
        return messages.task(task, kind, previous, stderr);
    }

    Notification node(NodeNews news, JsonObject doc) {
        return messages.node(news, doc);
    }

    /** The message for a claim being resumed: the previous task (or node message) as the claim names it. */
    Optional<Notification> resumed(JsonObject doc, Claim claim) {
        if (claim.kind().aboutNode()) {
            Optional<JsonNumber> after = claim.previous().filter(key -> key.matches("[0-9]+(\\.[0-9]+)?"))
                    .map(key -> JsonNumber.of(new BigDecimal(key)));
            return NodeNews.from(doc, after, clock.instant()).map(news -> messages.node(news, doc));
        }
        if (claim.kind() == Kind.RECORD_SUMMARY) {
            String recordId = doc.id().orElse("");
            return finishedTasks(recordId).map(tasks -> messages.summary(recordId, tasks));
        }
        Optional<FinishedTask> previous = claim.previous().flatMap(store::get).flatMap(FinishedTask::from);
        return FinishedTask.from(doc).map(task -> task(task, claim.kind(), previous));
    }

    /** Every task of the record, when every one has completed; empty while one has not. */
    Optional<List<FinishedTask>> finishedTasks(String recordId) {
        List<JsonObject> docs = store.viewDocuments(NotifyViews.DESIGN, NotifyViews.BY_RECORD,
                ViewRange.key(new JsonString(recordId)));
        if (docs.isEmpty() || docs.stream().anyMatch(doc -> doc.number("completed").isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(docs.stream().flatMap(doc -> FinishedTask.from(doc).stream()).toList());
    }

    Notification summary(String recordId, List<FinishedTask> tasks) {
        return messages.summary(recordId, tasks);
    }
}
