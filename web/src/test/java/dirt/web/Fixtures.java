package dirt.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        results.putObject("attach_links");
        return task;
    }

    static ObjectNode waiting(ObjectNode task, String why) {
        return task.put("waiting", why);
    }

    static ObjectNode node(String name, boolean enabled, int slots) {
        ObjectNode node = JSON.createObjectNode().put("_id", "node:" + name).put("type", "node").put("name", name)
                .put("enabled", enabled).put("slots", slots).put("probed", 1315347385);
        node.putObject("sys_info").put("architecture", "x86_64").put("cpu_count", 2).put("os_name", "Debian GNU/Linux")
                .put("java_version", "17.0.15+6");
        return node;
    }
}
