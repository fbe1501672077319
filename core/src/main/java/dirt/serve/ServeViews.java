package dirt.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The design document serve needs: the tasks no server has started yet, oldest first; the running tasks; the documents
 * that writes through different nodes of a cluster left in conflict.
 */
final class ServeViews {
    static final String DESIGN = "dirt-serve";
    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String CONFLICTS = "conflicts";

    private static final String PENDING_MAP = "function (doc) {\n"
            + "  if (doc.type === 'task' && !doc.started && !doc.completed) {\n"
            + "    emit(typeof doc.created === 'number' ? doc.created : 0, null);\n"
            + "  }\n"
            + "}";

    private static final String RUNNING_MAP = "function (doc) {\n"
            + "  if (doc.type === 'task' && doc.started && !doc.completed) {\n"
            + "    emit(doc.node || null, null);\n"
            + "  }\n"
            + "}";

    private static final String CONFLICTS_MAP = "function (doc) {\n"
            + "  if (doc._conflicts) {\n"
            + "    emit(doc._conflicts.length, null);\n"
            + "  }\n"
            + "}";

    private ServeViews() {}

    static ObjectNode designDocument() {
        ObjectNode doc = new ObjectMapper().createObjectNode().put("_id", "_design/" + DESIGN).put("language",
                "javascript");
        ObjectNode views = doc.putObject("views");
        views.putObject(PENDING).put("map", PENDING_MAP);
        views.putObject(RUNNING).put("map", RUNNING_MAP);
        views.putObject(CONFLICTS).put("map", CONFLICTS_MAP);
        return doc;
    }
}
