package dirt.notify;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a notification needs from a completed task document, read leniently (a task whose results a task wrote
 * oddly is still worth a message): {@code completed} is kept as the JSON number it was written as, since it
 * identifies the completion in {@code notified.completed}.
 */
record FinishedTask(String id, String name, String recordId, Optional<String> node, JsonNumber completed,
        Instant completedAt, boolean passed, boolean cancelled, Optional<String> reason, List<String> attachments) {
    FinishedTask {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(recordId, "recordId is null");
        requireNonNull(node, "node is null");
        requireNonNull(completed, "completed is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(reason, "reason is null");
        attachments = List.copyOf(requireNonNull(attachments, "attachments is null"));
    }

    /** The completed task in {@code doc}; empty when it is not a task, not completed, or lacks a name or record. */
    static Optional<FinishedTask> from(JsonObject doc) {
        Optional<JsonNumber> completed = doc.number("completed");
        Optional<String> id = doc.id();
        Optional<String> name = doc.string("name");
        Optional<String> recordId = doc.string("record_id");
        if (doc.string("type").filter(Task.TYPE::equals).isEmpty() || completed.isEmpty() || id.isEmpty()
                || name.isEmpty() || recordId.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> at = new DocumentReader(doc).epochSeconds("completed");
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonObject> results = doc.object("results");
        boolean passed = results.flatMap(r -> r.bool("success")).orElse(false);
        boolean cancelled = !passed && results.flatMap(r -> r.bool("cancelled")).orElse(false);
        Optional<String> reason = results.isPresent() ? results.get().string("reason")
                : Optional.of("the task has no results");
        List<String> attachments = new ArrayList<>(doc.object("_attachments").map(a -> a.fields().keySet())
                .orElse(java.util.Set.of()));
        return Optional.of(new FinishedTask(id.get(), name.get(), recordId.get(), text(doc, "node"), completed.get(),
                at.get(), passed, cancelled, reason, attachments));
    }

    /** Whether the task failed (a cancelled task did not: someone stopped it). */
    boolean failed() {
        return !passed && !cancelled;
    }

    /** passed, failed or cancelled, as the site and the webhook payload write it. */
    String status() {
        return passed ? "passed" : cancelled ? "cancelled" : "failed";
    }

    private static Optional<String> text(JsonObject doc, String field) {
        return doc.string(field).filter(value -> !value.isBlank());
    }
}
