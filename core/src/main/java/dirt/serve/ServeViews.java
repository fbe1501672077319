package dirt.serve;

import dirt.json.JsonObject;

/**
 * The design document serve needs: the tasks no server has started yet, oldest first; the running tasks; the documents
 * that writes through different nodes of a cluster left in conflict.
 */
public final class ServeViews {
    public static final String DESIGN = "dirt-serve";
    static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String CONFLICTS = "conflicts";
    /** Its own design document, so that adding it did not make CouchDB rebuild the index of the others. */
    public static final String RECORDS_DESIGN = "dirt-records";
    public static final String TASKS_BY_RECORD = "tasks";

    /**
     * Keyed by creation time and id: a key of its own for every task, so that paging through the index never skips
     * over tasks that share a time (tasks posted together, or without {@code created}, used to make serve's start
     * read 100,000 of them with a skip that grew to the whole backlog).
     */
    private static final String PENDING_MAP = "function (doc) {\n"
            + "  if (doc.type === 'task' && !doc.started && !doc.completed) {\n"
            + "    emit([typeof doc.created === 'number' ? doc.created : 0, doc._id], null);\n"
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

    private static final String TASKS_BY_RECORD_MAP = "function (doc) {\n"
            + "  if (doc.type === 'task' && typeof doc.record_id === 'string') {\n"
            + "    emit(doc.record_id, null);\n"
            + "  }\n"
            + "}";

    private ServeViews() {}

    /** The tasks of each record, for the dependencies between them ({@code after}). */
    static JsonObject recordsDesignDocument() {
        return JsonObject.builder().put("_id", "_design/" + RECORDS_DESIGN).put("language", "javascript")
                .put("views", JsonObject.builder().put(TASKS_BY_RECORD, map(TASKS_BY_RECORD_MAP)).build()).build();
    }

    static JsonObject designDocument() {
        return JsonObject.builder().put("_id", "_design/" + DESIGN).put("language", "javascript")
                .put("views", JsonObject.builder().put(PENDING, map(PENDING_MAP)).put(RUNNING, map(RUNNING_MAP))
                        .put(CONFLICTS, map(CONFLICTS_MAP)).build())
                .build();
    }

    private static JsonObject map(String function) {
        return JsonObject.builder().put("map", function).build();
    }
}
