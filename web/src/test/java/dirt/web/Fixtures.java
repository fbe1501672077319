package dirt.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Documents written the way {@code dirt post} and {@code dirt serve} write them (README, "Document model"). */
final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static ObjectNode record(String id, long created) {
        return JSON.createObjectNode().put("_id", id).put("type", "record").put("description", "revision " + id)
                .put("created", created);
    }

    static ObjectNode task(String id, String recordId, String name, long created) {
        ObjectNode task = JSON.createObjectNode().put("_id", id).put("type", "task").put("record_id", recordId)
                .put("name", name).put("created", created);
        task.putObject("kwargs").put("foo", 42);
        task.putArray("requires").add("architecture is x86_64");
        return task;
    }

    static ObjectNode started(ObjectNode task, String node, double started) {
        return task.put("node", node).put("started", started);
    }

    static ObjectNode completed(ObjectNode task, double completed, boolean success, String reason) {
        task.put("completed", completed);
        ObjectNode results = task.putObject("results").put("success", success);
        if (reason != null) {
            results.put("reason", reason);
        }
        results.putArray("attach_links");
        return task;
    }

    static ObjectNode waiting(ObjectNode task, String why) {
        return task.put("waiting", why);
    }

    /** Completed as {@code dirt cancel} leaves a task: failed with reason "cancelled" and {@code cancelled: true}. */
    static ObjectNode cancelled(ObjectNode task, double completed) {
        completed(task, completed, false, "cancelled");
        ((ObjectNode) task.get("results")).put("cancelled", true);
        return task;
    }

    /** Claimed by {@code server} for its {@code attempt}-th run, as serve claims a task. */
    static ObjectNode attempt(ObjectNode task, int attempt, String server) {
        return task.put("attempt", attempt).put("server", server).put("slot", 0);
    }

    /** One more entry in the task's {@code history}: a run that did not complete it. */
    static ObjectNode history(ObjectNode task, int attempt, String node, double started, double ended, String outcome,
            String reason) {
        ArrayNode history = task.has("history") ? (ArrayNode) task.get("history") : task.putArray("history");
        history.addObject().put("attempt", attempt).put("node", node).put("server", "ci@build1:4242")
                .put("started", started).put("ended", ended).put("outcome", outcome).put("reason", reason);
        return task;
    }

    /** A file of an earlier run, inline as serve writes it: {@code attempt-N/NAME}. */
    static ObjectNode attemptFile(ObjectNode task, int attempt, String name, String text) {
        ObjectNode attachments = task.has("_attachments") ? (ObjectNode) task.get("_attachments")
                : task.putObject("_attachments");
        attachments.putObject("attempt-" + attempt + "/" + name).put("content_type", "text/plain")
                .put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return task;
    }

    static ObjectNode node(String name, boolean enabled, int slots) {
        ObjectNode node = JSON.createObjectNode().put("_id", "node:" + name).put("type", "node").put("name", name)
                .put("enabled", enabled).put("slots", slots).put("probed", 1315347385);
        node.putObject("sys_info").put("architecture", "x86_64").put("cpu_count", 2).put("os_name", "Debian GNU/Linux")
                .put("java_version", "17.0.15+6");
        return node;
    }

    /** Marked as serve marks a node it cannot reach. */
    static ObjectNode unreachable(ObjectNode node, String reason, long since, long retryAt) {
        node.putObject("unreachable").put("reason", reason).put("since", since).put("retry_at", retryAt);
        return node;
    }
}
