package dirt.cli;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
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
    private static final Json HIGH = JsonObject.EMPTY;
    /** A key that sorts before every other. */
    private static final Json LOW = JsonNull.NULL;

    private final Store store;
    private Boolean views;

    TaskLookup(Store store) {
        this.store = store;
    }

    Optional<JsonObject> document(String id) {
        return id.isBlank() ? Optional.empty() : store.get(id);
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
    List<JsonObject> tasksOf(String recordId) {
        if (!usesViews()) {
            return scan(doc -> isTask(doc) && recordId.equals(Fields.text(doc, "record_id", null))).stream()
                    .sorted(Comparator.comparing(doc -> Fields.text(doc, "name", ""))).toList();
        }
        var key = new JsonString(recordId);
        var range = new ViewRange(JsonArray.of(key), JsonArray.of(key, HIGH), false, ViewRange.UNLIMITED);
        return store.viewDocuments(SITE_DESIGN, "tasks_by_record", range);
    }

    /** The newest {@code limit} records, newest first (by {@code created}). */
    List<JsonObject> recentRecords(int limit) {
        if (!usesViews()) {
            return scan(doc -> Record.TYPE.equals(Fields.text(doc, "type"))).stream()
                    .sorted(Comparator.comparing(TaskLookup::created).reversed()
                            .thenComparing(doc -> Fields.text(doc, "_id"), Comparator.reverseOrder()))
                    .limit(limit).toList();
        }
        return store.viewDocuments(SITE_DESIGN, "records", new ViewRange(HIGH, LOW, true, limit));
    }

    /** {@code created} as a number of seconds; 0 when it is not a number (as Jackson's {@code asDouble(0)} read it). */
    private static double created(JsonObject doc) {
        return doc.get("created").map(TaskLookup::number).orElse(0.0);
    }

    private static double number(Json value) {
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        if (value instanceof JsonString string) {
            try {
                return Double.parseDouble(string.value().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return value instanceof JsonBoolean bool && bool.value() ? 1 : 0;
    }

    private static boolean isTask(JsonObject doc) {
        return Task.TYPE.equals(Fields.text(doc, "type"));
    }

    private List<JsonObject> scan(Predicate<JsonObject> wanted) {
        List<JsonObject> found = new ArrayList<>();
        store.allDocuments(PAGE, doc -> {
            if (wanted.test(doc)) {
                found.add(doc);
            }
        });
        return found;
    }
}
