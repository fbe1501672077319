package dirt.serve.backlog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JacksonBridge;
import dirt.json.JsonArray;
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
    static ObjectNode child(Task parent, NodeName node) {
        ObjectNode doc = JacksonBridge.tree(parent.document());
        NOT_INHERITED.forEach(doc::remove);
        return doc.put("_id", childId(parent.id().value(), node)).put(ServeFields.PARENT, parent.id().value())
                .put(ServeFields.ON_NODE, node.value());
    }

    /** The parent once its node runs exist: their ids, the matching nodes left out as unreachable, why it waits. */
    static ObjectNode fannedOut(Task parent, List<NodeName> nodes, List<NodeName> unreachable) {
        ObjectNode doc = JacksonBridge.tree(parent.toDocument());
        nodes.forEach(node -> doc.withArray(ServeFields.CHILDREN).add(childId(parent.id().value(), node)));
        unreachable.forEach(node -> doc.withArray(ServeFields.UNREACHABLE).add(node.value()));
        return doc.put(ServeFields.WAITING, waiting(nodes.stream().map(NodeName::value).toList()));
    }

    /** The parent's results once every node run has ended; empty while one has not. */
    public static Optional<Results> results(List<String> children, List<String> unreachable,
            List<After.Sibling> record) {
        Map<String, After.Sibling> byId = new HashMap<>();
        record.forEach(sibling -> byId.put(sibling.id(), sibling));
        ObjectNode nodes = JsonNodeFactory.instance.objectNode();
        List<String> failed = new ArrayList<>();
        for (String id : children) {
            After.Sibling run = byId.get(id);
            String node = ServeFields.nodeOfRun(id);
            if (run != null && !run.status().endedWithoutPassing() && run.status() != After.Status.PASSED) {
                return Optional.empty();
            }
            boolean passed = run != null && run.status() == After.Status.PASSED;
            String reason = run == null ? "its task " + id + " is gone" : run.reason();
            ObjectNode entry = nodes.putObject(node).put("success", passed).put("task", id);
            if (!passed) {
                entry.put("reason", reason.isEmpty() ? run.status().toString() : reason);
                failed.add(node);
            }
        }
        Results results = failed.isEmpty() ? Results.passed() : Results.failed("failed on " + String.join(", ", failed));
        results = results.with("nodes", JacksonBridge.value(nodes));
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
