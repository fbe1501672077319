package dirt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Record and task documents as 'dirt post' and 'dirt serve' write them, for the status, watch and wait tests. */
final class TaskDocs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskDocs() {}

    static ObjectNode record(String id, long created, String description) {
        return JSON.createObjectNode().put("_id", id).put("type", "record").put("description", description)
                .put("created", created);
    }

    static ObjectNode task(String id, String recordId, String name) {
        return JSON.createObjectNode().put("_id", id).put("type", "task").put("record_id", recordId)
                .put("name", name).put("created", 1_700_000_000);
    }

    static ObjectNode started(ObjectNode task, String node, double at) {
        return task.put("node", node).put("started", at);
    }

    static ObjectNode completed(ObjectNode task, double at, boolean success, String reason) {
        task.put("completed", at);
        ObjectNode results = task.putObject("results").put("success", success);
        if (reason != null) {
            results.put("reason", reason);
        }
        return task;
    }
}
