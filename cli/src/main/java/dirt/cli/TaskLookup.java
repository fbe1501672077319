package dirt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JacksonBridge;
import dirt.json.JsonObject;
import dirt.record.Record;
import dirt.store.Store;
import dirt.store.ViewRange;
import dirt.task.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds records and their tasks for {@code status} and {@code wait}: through the web site's views ({@code _design/dirt},
 * installed by {@code dirt push} and {@code dirt serve}) when they are there, otherwise by reading every document, so
 * that the commands also work on a database the site was never installed in.
 */
final class TaskLookup {
    static final String SITE_DESIGN = "dirt";
    private static final int PAGE = 1000;
    /** A key that sorts after every null, number, string and array (CouchDB's collation). */
    private static final JsonNode HIGH = JsonNodeFactory.instance.objectNode();
    /** A key that sorts before every other. */
    private static final JsonNode LOW = JsonNodeFactory.instance.nullNode();

    private final Store store;
    private Boolean views;

    TaskLookup(Store store) {
        this.store = store;
    }

    Optional<ObjectNode> document(String id) {
        return id.isBlank() ? Optional.empty() : store.get(id).map(JacksonBridge::tree);
    }

    /** Whether the site's views answer the queries (else every document is read). */
    boolean usesViews() {
        if (views == null) {
            JsonObject design = store.get("_design/" + SITE_DESIGN).flatMap(doc -> doc.object("views"))
                    .orElse(JsonObject.EMPTY);
            views = design.has("records") && design.has("tasks_by_record");
        }
        return views;
    }

    /** The tasks of a record, by name. */
    List<ObjectNode> tasksOf(String recordId) {
        if (!usesViews()) {
            return scan(doc -> isTask(doc) && recordId.equals(doc.path("record_id").asText(null))).stream()
                    .sorted(Comparator.comparing(doc -> doc.path("name").asText(""))).toList();
        }
        var json = JsonNodeFactory.instance;
        var range = new ViewRange(JacksonBridge.value(json.arrayNode().add(recordId)),
                JacksonBridge.value(json.arrayNode().add(recordId).add(HIGH)), false, ViewRange.UNLIMITED);
        return JacksonBridge.trees(store.viewDocuments(SITE_DESIGN, "tasks_by_record", range));
    }

    /** The newest {@code limit} records, newest first (by {@code created}). */
    List<ObjectNode> recentRecords(int limit) {
        if (!usesViews()) {
            return scan(doc -> Record.TYPE.equals(doc.path("type").asText())).stream()
                    .sorted(Comparator.comparing((ObjectNode doc) -> doc.path("created").asDouble(0)).reversed()
                            .thenComparing(doc -> doc.path("_id").asText(), Comparator.reverseOrder()))
                    .limit(limit).toList();
        }
        return JacksonBridge.trees(store.viewDocuments(SITE_DESIGN, "records",
                new ViewRange(JacksonBridge.value(HIGH), JacksonBridge.value(LOW), true, limit)));
    }

    private static boolean isTask(JsonNode doc) {
        return Task.TYPE.equals(doc.path("type").asText());
    }

    private List<ObjectNode> scan(Predicate<ObjectNode> wanted) {
        List<ObjectNode> found = new ArrayList<>();
        store.allDocuments(PAGE, JacksonBridge.each(doc -> {
            if (wanted.test(doc)) {
                found.add(doc);
            }
        }));
        return found;
    }
}
