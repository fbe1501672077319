package dirt.serve.backlog;

import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.node.NodeName;
import dirt.task.Results;
import dirt.task.ServeFields;
import dirt.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task with {@code "broadcast": true} runs once on every enabled node that meets its {@code requires} when serve takes
 * it up: one task document per node ({@code PARENT@NODE}, with {@code parent} and {@code on_node}), each with its own
 * results, files, retries and history. The parent completes once all of them have: passed only if every one passed,
 * with {@code results.nodes} mapping each node to {@code {success, reason, task}}. No I/O.
 */
public final class Broadcast {
    /** The fields of the parent that a node run does not take over. */
    private static final List<String> NOT_INHERITED = List.of("_rev", "_attachments", "broadcast", "after",
            "waiting", "retry_at", "attempt", "server", "slot", "history", "lost", "started", "node", "completed",
            "results", "notified", ServeFields.CHILDREN, ServeFields.UNREACHABLE);

    private Broadcast() {
    }

    static String childId(String parentId, NodeName node) {
        return parentId + "@" + node.value();
    }

    /** The node run of {@code parent} on {@code node}: the parent's fields, pinned to that node. */
    static JsonObject child(Task parent, NodeName node) {
        JsonObject.Builder doc = parent.document().toBuilder();
        NOT_INHERITED.forEach(doc::remove);
        return doc.put("_id", childId(parent.id().value(), node)).put(ServeFields.PARENT, parent.id().value())
                .put(ServeFields.ON_NODE, node.value()).build();
    }

    /** The parent once its node runs exist: their ids, the matching nodes left out as unreachable, why it waits. */
    static JsonObject fannedOut(Task parent, List<NodeName> nodes, List<NodeName> unreachable) {
        JsonObject doc = parent.toDocument();
        doc = appended(doc, ServeFields.CHILDREN, nodes.stream().map(node -> childId(parent.id().value(), node))
                .toList());
        doc = appended(doc, ServeFields.UNREACHABLE, unreachable.stream().map(NodeName::value).toList());
        return doc.with(ServeFields.WAITING, waiting(nodes.stream().map(NodeName::value).toList()));
    }

    /** {@code doc} with {@code values} added to the array {@code field} (made when missing); itself when none. */
    private static JsonObject appended(JsonObject doc, String field, List<String> values) {
        JsonArray array = doc.array(field).orElse(JsonArray.EMPTY);
        for (String value : values) {
            array = array.with(new JsonString(value));
        }
        return values.isEmpty() ? doc : doc.with(field, array);
    }

    /** The parent's results once every node run has ended; empty while one has not. */
    public static Optional<Results> results(List<String> children, List<String> unreachable,
            List<After.Sibling> record) {
        Map<String, After.Sibling> byId = new HashMap<>();
        record.forEach(sibling -> byId.put(sibling.id(), sibling));
        JsonObject.Builder nodes = JsonObject.builder();
        List<String> failed = new ArrayList<>();
        for (String id : children) {
            After.Sibling run = byId.get(id);
            String node = ServeFields.nodeOfRun(id);
            if (run != null && !run.status().endedWithoutPassing() && run.status() != After.Status.PASSED) {
                return Optional.empty();
            }
            boolean passed = run != null && run.status() == After.Status.PASSED;
            String reason = run == null ? "its task " + id + " is gone" : run.reason();
            JsonObject.Builder entry = JsonObject.builder().put("success", passed).put("task", id);
            if (!passed) {
                entry.put("reason", reason.isEmpty() ? run.status().toString() : reason);
                failed.add(node);
            }
            nodes.put(node, entry.build());
        }
        Results results = failed.isEmpty() ? Results.passed() : Results.failed("failed on " + String.join(", ", failed));
        results = results.with("nodes", nodes.build());
        if (!unreachable.isEmpty()) {
            results = results.with(ServeFields.UNREACHABLE, JsonArray.ofStrings(unreachable));
        }
        return Optional.of(results);
    }

    /** Why the parent waits, e.g. {@code waiting for its runs on node-a, node-b}. */
    public static String waiting(List<String> nodes) {
        return "waiting for its runs on " + String.join(", ", nodes);
    }
}
