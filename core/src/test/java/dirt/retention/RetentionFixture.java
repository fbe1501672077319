package dirt.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.config.RetentionSettings;
import dirt.store.couch.BulkResult;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.ViewQuery;
import dirt.store.couch.ViewRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A database with old and new records, passed, failed and waiting, with files, a broadcast, tasks without a record
 * document and a schedule, for {@link #SETTINGS}: records 90 days, the last 2 runs of a name, failed 180 days, files
 * of passed runs 30 days. What goes: {@link #DELETED}; what loses its files: {@link #STRIPPED}.
 */
public final class RetentionFixture {
    public static final RetentionSettings SETTINGS = new RetentionSettings(Duration.ofDays(90), 2,
            Duration.ofDays(180), Duration.ofDays(30), true);
    /** The settings.toml section that means {@link #SETTINGS}. */
    public static final String TOML = "[retention]\nkeep_records = \"90d\"\nkeep_last_runs = 2\n"
            + "keep_failed = \"180d\"\nkeep_passed_files = \"30d\"\n";
    /** The record ids that go, with every task of theirs. */
    public static final List<String> DELETED = List.of("ancient-failed", "bare", "nightly-older", "old-broadcast",
            "old-passed");
    /** The ids of the documents that go. */
    public static final List<String> DELETED_DOCUMENTS = List.of("ancient-failed", "ancient-failed-build", "bare-build",
            "nightly-older", "nightly-older-1", "old-broadcast", "old-broadcast-clean", "old-broadcast-clean@local",
            "old-passed", "old-passed-build");
    /** The task whose files go; its results stay. */
    public static final String STRIPPED = "mid-passed-build";
    /** Bytes of the files of the deleted tasks (old-passed-build's two) and of the stripped one's two. */
    public static final long DELETED_FILE_BYTES = 6 + 1000;
    public static final long STRIPPED_FILE_BYTES = 6 + 1000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RetentionFixture() {}

    /** Writes the documents, their times relative to {@code now}. */
    public static void fill(CouchDatabase db, Instant now) {
        List<ObjectNode> docs = new ArrayList<>();
        run(docs, now, "old-passed", 100, true, "build", true, true);
        run(docs, now, "old-failed", 100, true, "build", false, true);
        run(docs, now, "ancient-failed", 200, true, "build", false, false);
        run(docs, now, "mid-passed", 40, true, "build", true, true);
        run(docs, now, "new-passed", 5, true, "build", true, true);
        run(docs, now, "new-passed-2", 3, true, "build", true, false);
        run(docs, now, "lonely", 300, true, "deploy", true, true);
        run(docs, now, "bare", 100, false, "build", true, false);
        run(docs, now, "nightly-old", 100, true, "build", true, false);
        docs.get(docs.size() - 1).put("_id", "nightly-old-1");
        run(docs, now, "nightly-older", 101, true, "build", true, false);
        docs.get(docs.size() - 1).put("_id", "nightly-older-1");
        run(docs, now, "old-waiting", 100, true, "build", true, false);
        docs.add(task("old-waiting", "package", 100, now).put("waiting", "waiting for build"));
        docs.add(record("old-broadcast", 100, now));
        docs.add(completed(task("old-broadcast", "clean", 100, now), now, 100, true));
        ObjectNode nodeRun = completed(task("old-broadcast", "clean", 100, now), now, 100, true)
                .put("_id", "old-broadcast-clean@local").put("parent", "old-broadcast-clean").put("on_node", "local");
        docs.add(nodeRun);
        docs.add(completed(task("new-passed", "clean", 5, now), now, 5, true));
        docs.add(completed(task("new-passed-2", "clean", 3, now), now, 3, true));
        docs.add(JSON.objectNode().put("_id", "schedule:nightly").put("type", "schedule").put("name", "nightly")
                .put("frequency", 86400).put("last_record", "nightly-old"));
        docs.add(JSON.objectNode().put("_id", "node:local").put("type", "node").put("name", "local")
                .put("enabled", true).put("slots", 1));
        for (BulkResult result : db.bulkDocs(docs)) {
            assertThat(result.ok()).as("%s: %s", result.id(), result.reason()).isTrue();
        }
    }

    /** A record {@code daysAgo} old (unless {@code withRecord} is false) with one completed task {@code ID-NAME}. */
    private static void run(List<ObjectNode> docs, Instant now, String id, int daysAgo, boolean withRecord,
            String name, boolean passed, boolean files) {
        if (withRecord) {
            docs.add(record(id, daysAgo, now));
        }
        ObjectNode task = completed(task(id, name, daysAgo, now), now, daysAgo, passed);
        if (files) {
            ObjectNode attachments = task.putObject("_attachments");
            attachments.putObject("stdout.txt").put("content_type", "text/plain").put("data", base64("hello\n"));
            if (passed) {
                attachments.putObject("report.txt").put("content_type", "text/plain").put("data",
                        base64("x".repeat(1000)));
            }
            task.putObject("results").put("success", passed).put("answer", 42).putArray("attach_links").addObject()
                    .put("id", "stdout.txt").put("name", "output");
        }
        docs.add(task);
    }

    private static ObjectNode record(String id, int daysAgo, Instant now) {
        return JSON.objectNode().put("_id", id).put("type", "record").put("description", id)
                .put("created", seconds(now, daysAgo));
    }

    private static ObjectNode task(String recordId, String name, int daysAgo, Instant now) {
        return JSON.objectNode().put("_id", recordId + "-" + name).put("type", "task").put("record_id", recordId)
                .put("name", name).put("created", seconds(now, daysAgo));
    }

    private static ObjectNode completed(ObjectNode task, Instant now, int daysAgo, boolean passed) {
        task.put("started", seconds(now, daysAgo) + 10).put("completed", seconds(now, daysAgo) + 70)
                .put("node", "local");
        task.putObject("results").put("success", passed);
        return task;
    }

    private static long seconds(Instant now, int daysAgo) {
        return now.minus(Duration.ofDays(daysAgo)).getEpochSecond();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The ids of every document in the database but design documents. */
    public static List<String> ids(CouchDatabase db) {
        return db.allDocs(ViewQuery.all()).rows().stream().map(ViewRow::id).filter(id -> !id.startsWith("_design/"))
                .sorted().toList();
    }

    /** Asserts that exactly {@link #DELETED_DOCUMENTS} went, the stripped run kept its results, the others their files. */
    public static void assertPruned(CouchDatabase db, List<String> before) {
        List<String> expected = new ArrayList<>(before);
        expected.removeAll(DELETED_DOCUMENTS);
        assertThat(ids(db)).filteredOn(id -> !id.equals("retention:daily") && !id.equals("dirt-delete-probe"))
                .containsExactlyElementsOf(expected);
        JsonNode stripped = db.get(STRIPPED).orElseThrow();
        assertThat(stripped.has("_attachments")).as("files of %s", STRIPPED).isFalse();
        assertThat(stripped.path("results").path("answer").asInt()).isEqualTo(42);
        assertThat(stripped.path("results").path("attach_links")).hasSize(1);
        assertThat(stripped.path("files_pruned").path("files").asInt()).isEqualTo(2);
        assertThat(stripped.path("files_pruned").path("bytes").asLong()).isEqualTo(STRIPPED_FILE_BYTES);
        assertThat(stripped.path("files_pruned").path("at").isNumber()).isTrue();
        for (String kept : List.of("new-passed-build", "lonely-deploy", "old-failed-build")) {
            assertThat(db.get(kept).orElseThrow().path("_attachments").size()).as("files of %s", kept).isPositive();
        }
    }
}
