package dirt.cli;

import dirt.document.DocumentReader;
import dirt.json.JsonArray;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.task.ServeFields;
import dirt.task.TaskStatus;
import dirt.task.TaskTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One task as {@code dirt status}, {@code dirt watch} and {@code dirt wait} show it, read leniently from its document.
 * {@code filesPruned}: when retention removed its files ({@code files_pruned.at}).
 */
record TaskLine(String id, String name, String recordId, TaskStatus status, Optional<String> node,
        Optional<Instant> created, Optional<Instant> started, Optional<Instant> completed, Optional<String> reason,
        Optional<Instant> filesPruned) {

    static TaskLine of(JsonObject doc) {
        TaskStatus status = TaskTally.statusOf(doc);
        String why = status == TaskStatus.WAITING ? text(doc, "waiting")
                : status.isCompleted() ? text(Fields.object(doc, "results"), "reason") : null;
        return new TaskLine(Fields.text(doc, "_id", ""), Fields.text(doc, "name", ""),
                Fields.text(doc, "record_id", ""), status,
                Optional.ofNullable(text(doc, "node")).or(() -> nodesOfBroadcast(doc)), time(doc, "created"),
                time(doc, "started"), time(doc, "completed"), Optional.ofNullable(why),
                time(Fields.object(doc, "files_pruned"), "at"));
    }

    /** The status as the site and the JSON output spell it: {@code passed}, {@code failed}, ... */
    static String word(TaskStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    String word() {
        return word(status);
    }

    /** When the task entered its current status, as far as its document says. */
    Optional<Instant> since() {
        if (status.isCompleted() && completed.isPresent()) {
            return completed;
        }
        return status == TaskStatus.WAITING ? created : started.or(() -> created);
    }

    JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder().put("id", id).put("name", name)
                .put("record_id", recordId).put("status", word());
        node.ifPresent(n -> json.put("node", n));
        created.ifPresent(t -> json.put("created", t.toString()));
        started.ifPresent(t -> json.put("started", t.toString()));
        completed.ifPresent(t -> json.put("completed", t.toString()));
        reason.ifPresent(r -> json.put("reason", r));
        filesPruned.ifPresent(t -> json.put("files_pruned", t.toString()));
        return json.build();
    }

    /** A broadcast runs on no node itself: the nodes of its runs, e.g. {@code node-a, node-b}. */
    private static Optional<String> nodesOfBroadcast(JsonObject doc) {
        List<String> nodes = new ArrayList<>();
        doc.array("children").orElse(JsonArray.EMPTY)
                .forEach(child -> nodes.add(ServeFields.nodeOfRun(Fields.asText(child))));
        return nodes.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", nodes));
    }

    private static String text(JsonObject doc, String field) {
        return doc.string(field).filter(value -> !value.isBlank()).orElse(null);
    }

    private static Optional<Instant> time(JsonObject doc, String field) {
        Optional<JsonNumber> seconds = doc.number(field);
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        return new DocumentReader(JsonObject.builder().put(field, seconds.get()).build()).epochSeconds(field);
    }
}
