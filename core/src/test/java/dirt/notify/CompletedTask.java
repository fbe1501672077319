package dirt.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.JacksonBridge;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds the document of a task as serve leaves it when it completed: {@code CompletedTask.of("t1")…json()}. */
final class CompletedTask {
    private final ObjectNode doc = JsonNodeFactory.instance.objectNode();
    private final ObjectNode results = JsonNodeFactory.instance.objectNode().put("success", true);

    private CompletedTask(String id) {
        doc.put("_id", id).put("type", "task").put("record_id", "r1").put("name", "compile_hello")
                .put("created", 1_700_000_000).put("started", 1_700_000_001).put("completed", 1_700_000_002)
                .put("node", "build7").put("platform", "linux");
    }

    static CompletedTask of(String id) {
        return new CompletedTask(id);
    }

    CompletedTask name(String name) {
        doc.put("name", name);
        return this;
    }

    CompletedTask record(String recordId) {
        doc.put("record_id", recordId);
        return this;
    }

    CompletedTask node(String node) {
        doc.put("node", node);
        return this;
    }

    /** Completed at 1,700,000,000 + {@code second} seconds. */
    CompletedTask completedAt(double second) {
        doc.put("completed", 1_700_000_000 + second);
        return this;
    }

    CompletedTask passed() {
        results.put("success", true).remove("reason");
        return this;
    }

    CompletedTask failed(String reason) {
        results.put("success", false).put("reason", reason);
        return this;
    }

    CompletedTask cancelled() {
        results.put("success", false).put("cancelled", true).put("reason", "cancelled");
        return this;
    }

    CompletedTask stderr(String text) {
        ObjectNode attachments = doc.has("_attachments") ? (ObjectNode) doc.get("_attachments")
                : doc.putObject("_attachments");
        attachments.putObject("stderr.txt").put("content_type", "text/plain")
                .put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** The document as dirt's JSON, as the store hands it to the notifier. */
    dirt.json.JsonObject object() {
        return dirt.store.couch.JacksonBridge.object(json());
    }

    ObjectNode json() {
        ObjectNode copy = doc.deepCopy();
        copy.set("results", results.deepCopy());
        return copy;
    }

    /** A task not completed yet: the same document without {@code completed} and {@code results}. */
    ObjectNode running() {
        ObjectNode copy = doc.deepCopy();
        copy.remove("completed");
        return copy;
    }
}
