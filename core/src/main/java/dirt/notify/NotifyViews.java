package dirt.notify;

import dirt.json.JsonObject;

/**
 * The design document {@code _design/dirt-notify}: completed tasks by name and completion time (to find the previous
 * one of a name), tasks by record (for summaries), and the claims still being sent (to resume them).
 */
final class NotifyViews {
    static final String DESIGN = "dirt-notify";
    static final String COMPLETED_BY_NAME = "completed_by_name";
    static final String BY_RECORD = "by_record";
    static final String SENDING = "sending";

    private static final String COMPLETED_BY_NAME_MAP = "function (doc) {\n"
            + "  if (doc.type === 'task' && typeof doc.name === 'string' && typeof doc.completed === 'number'\n"
            + "      && !(doc.results && doc.results.cancelled === true)) {\n"
            + "    emit([doc.name, doc.completed, doc._id], null);\n"
            + "  }\n"
            + "}";
    private static final String BY_RECORD_MAP = "function (doc) {\n"
            + "  if (doc.type === 'task' && typeof doc.record_id === 'string') {\n"
            + "    emit(doc.record_id, null);\n"
            + "  }\n"
            + "}";
    private static final String SENDING_MAP = "function (doc) {\n"
            + "  if ((doc.type === 'task' || doc.type === 'record' || doc.type === 'node') && doc.notified\n"
            + "      && doc.notified.state === 'sending') {\n"
            + "    emit(typeof doc.notified.at === 'number' ? doc.notified.at : 0, null);\n"
            + "  }\n"
            + "}";

    private NotifyViews() {
    }

    static JsonObject designDocument() {
        JsonObject views = JsonObject.builder().put(COMPLETED_BY_NAME, map(COMPLETED_BY_NAME_MAP))
                .put(BY_RECORD, map(BY_RECORD_MAP)).put(SENDING, map(SENDING_MAP)).build();
        return JsonObject.builder().put("_id", "_design/" + DESIGN).put("language", "javascript").put("views", views)
                .build();
    }

    private static JsonObject map(String function) {
        return JsonObject.builder().put("map", function).build();
    }
}
