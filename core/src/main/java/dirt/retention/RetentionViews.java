package dirt.retention;

import dirt.json.JsonObject;

/**
 * The design document {@code _design/dirt-retention}: one row per record and per task, keyed by the record's id, with
 * what retention needs (revision, name, status, times, the count and bytes of files, and about how large the JSON is)
 * and not the documents themselves, which may hold large results. Its own design document, so that adding it did not
 * make CouchDB rebuild the others' indexes.
 */
final class RetentionViews {
    static final String DESIGN = "dirt-retention";
    static final String BY_RECORD = "by_record";

    private static final String BY_RECORD_MAP = """
            function (doc) {
              var time = function (value) { return typeof value === 'number' ? value : null; };
              if (doc.type === 'record') {
                emit(doc._id, {record: true, rev: doc._rev, created: time(doc.created), size: JSON.stringify(doc).length});
              } else if (doc.type === 'task' && typeof doc.record_id === 'string') {
                var files = 0, bytes = 0, attachments = doc._attachments || {};
                for (var name in attachments) {
                  if (Object.prototype.hasOwnProperty.call(attachments, name)) {
                    files++;
                    bytes += typeof attachments[name].length === 'number' ? attachments[name].length : 0;
                  }
                }
                var results = doc.results || {};
                var status = doc.completed
                  ? (results.cancelled === true ? 'cancelled' : results.success === true ? 'passed' : 'failed')
                  : (doc.started ? 'running' : 'waiting');
                emit(doc.record_id, {rev: doc._rev, name: typeof doc.name === 'string' ? doc.name : '',
                  node_run: typeof doc.parent === 'string', status: status, created: time(doc.created),
                  completed: time(doc.completed), files: files, bytes: bytes, files_pruned: !!doc.files_pruned,
                  size: JSON.stringify(doc).length});
              }
            }""";

    private RetentionViews() {}

    static JsonObject designDocument() {
        JsonObject views = JsonObject.builder()
                .put(BY_RECORD, JsonObject.builder().put("map", BY_RECORD_MAP).build()).build();
        return JsonObject.builder().put("_id", "_design/" + DESIGN).put("language", "javascript").put("views", views)
                .build();
    }
}
