package dirt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.record.Record;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.ViewPage;
import dirt.store.couch.ViewQuery;
import dirt.store.couch.ViewRow;
import dirt.task.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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
    private static final JsonNode HIGH = JsonNodeFactory.instance.objectNode();

    private final CouchDatabase db;
    private Boolean views;

    TaskLookup(CouchDatabase db) {
        this.db = db;
    }

    Optional<ObjectNode> document(String id) {
        return id.isBlank() ? Optional.empty() : db.get(id);
    }

    /** Whether the site's views answer the queries (else every document is read). */
    boolean usesViews() {
        if (views == null) {
            JsonNode design = db.get("_design/" + SITE_DESIGN).map(doc -> doc.path("views"))
                    .orElse(JsonNodeFactory.instance.objectNode());
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
        var query = ViewQuery.all().startKey(List.of(recordId)).endKey(List.of(recordId, HIGH)).includeDocs(true);
        return docs(db.view(SITE_DESIGN, "tasks_by_record", query).rows());
    }

    /** The newest {@code limit} records, newest first (by {@code created}). */
    List<ObjectNode> recentRecords(int limit) {
        if (!usesViews()) {
            return scan(doc -> Record.TYPE.equals(doc.path("type").asText())).stream()
                    .sorted(Comparator.comparing((ObjectNode doc) -> doc.path("created").asDouble(0)).reversed()
                            .thenComparing(doc -> doc.path("_id").asText(), Comparator.reverseOrder()))
                    .limit(limit).toList();
        }
        var query = ViewQuery.all().descending(true).limit(limit).includeDocs(true);
        return docs(db.view(SITE_DESIGN, "records", query).rows());
    }

    private static boolean isTask(JsonNode doc) {
        return Task.TYPE.equals(doc.path("type").asText());
    }

    private static List<ObjectNode> docs(List<ViewRow> rows) {
        return rows.stream().map(ViewRow::doc).filter(Objects::nonNull).toList();
    }

    private List<ObjectNode> scan(Predicate<ObjectNode> wanted) {
        List<ObjectNode> found = new ArrayList<>();
        ViewQuery query = ViewQuery.all().includeDocs(true);
        while (true) {
            ViewPage page = db.allDocsPage(query, PAGE);
            page.rows().stream().map(ViewRow::doc).filter(Objects::nonNull).filter(wanted).forEach(found::add);
            if (page.next().isEmpty()) {
                return found;
            }
            query = query.from(page.next().get());
        }
    }
}
