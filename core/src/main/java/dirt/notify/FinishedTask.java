package dirt.notify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentReader;
import dirt.task.Results;
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
record FinishedTask(String id, String name, String recordId, Optional<String> node, JsonNode completed,
        Instant completedAt, boolean passed, Optional<String> reason, List<String> attachments) {
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
    static Optional<FinishedTask> from(ObjectNode doc) {
        if (!Task.TYPE.equals(doc.path("type").asText()) || !doc.path("completed").isNumber()
                || !doc.path("_id").isTextual() || !doc.path("name").isTextual()
                || !doc.path("record_id").isTextual()) {
            return Optional.empty();
        }
        Optional<Instant> at = DocumentReader.epochSecondsIn(doc, "completed");
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Results results = doc.path("results") instanceof ObjectNode object ? Results.fromJson(object)
                : Results.failed("the task has no results");
        List<String> attachments = new ArrayList<>();
        doc.path("_attachments").fieldNames().forEachRemaining(attachments::add);
        return Optional.of(new FinishedTask(doc.get("_id").textValue(), doc.get("name").textValue(),
                doc.get("record_id").textValue(), text(doc, "node"), doc.get("completed"), at.get(), results.success(),
                results.reason(), attachments));
    }

    /** Whether the task failed. */
    boolean failed() {
        return !passed;
    }

    /** passed or failed, as the site and the webhook payload write it. */
    String status() {
        return passed ? "passed" : "failed";
    }

    private static Optional<String> text(ObjectNode doc, String field) {
        JsonNode value = doc.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
