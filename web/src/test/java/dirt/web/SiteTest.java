package dirt.web;

import static dirt.web.Fixtures.cancelled;
import static dirt.web.Fixtures.completed;
import static dirt.web.Fixtures.node;
import static dirt.web.Fixtures.record;
import static dirt.web.Fixtures.started;
import static dirt.web.Fixtures.task;
import static dirt.web.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.Store;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import dirt.store.couch.ViewQuery;
import dirt.store.couch.ViewRow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CouchServerExtension.class)
class SiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCouch couch;
    private CouchDatabase db;
    private Store store;

    @BeforeEach
    void setUp(TestCouch couch) {
        this.couch = couch;
        this.db = couch.database();
        this.store = TestCouch.store(db);
    }

    @Test
    void installing_writes_the_design_document_with_views_and_validation_but_no_pages() {
        assertThat(Site.install(store, "demo")).isTrue();

        JsonNode design = db.get(Site.DESIGN_ID).orElseThrow();
        assertThat(design.path("dirt").path("project").asText()).isEqualTo("demo");
        assertThat(design.path("views").fieldNames()).toIterable().containsExactlyInAnyOrder("records",
                "tasks_by_record", "tasks_by_name", "status_counts", "nodes", "running_by_node", "outcomes_by_node",
                "runs_by_node", "completed_by_hour", "schedules");
        assertThat(design.path("validate_doc_update").asText()).contains("forbidden");
        assertThat(design.has("_attachments")).as("the pages are served by SiteServer").isFalse();
    }

    @Test
    void installing_over_a_site_that_carried_its_pages_as_attachments_drops_them() {
        ObjectNode old = JSON.createObjectNode().put("_id", Site.DESIGN_ID);
        old.putObject("dirt").put("project", "demo").put("version", "0");
        old.putObject("_attachments").putObject("index.html").put("content_type", "text/html")
                .put("data", Base64.getEncoder().encodeToString("<p>old</p>".getBytes(StandardCharsets.UTF_8)));
        db.put(old);

        assertThat(Site.install(store, "demo")).isTrue();

        JsonNode design = db.get(Site.DESIGN_ID).orElseThrow();
        assertThat(design.has("_attachments")).isFalse();
        assertThat(design.path("views").has("records")).isTrue();
    }

    @Test
    void reinstalling_an_unchanged_site_writes_nothing() {
        Site.install(store, "demo");
        String rev = db.get(Site.DESIGN_ID).orElseThrow().path("_rev").asText();

        assertThat(Site.install(store, "demo")).isFalse();
        assertThat(db.get(Site.DESIGN_ID).orElseThrow().path("_rev").asText()).isEqualTo(rev);
    }

    @Test
    void reinstalling_restores_a_validation_function_someone_replaced() {
        Site.install(store, "demo");
        ObjectNode tampered = (ObjectNode) db.get(Site.DESIGN_ID).orElseThrow();
        tampered.put("validate_doc_update", "function () {}");
        db.put(tampered);

        assertThat(Site.install(store, "demo")).isTrue();
        assertThat(db.get(Site.DESIGN_ID).orElseThrow().path("validate_doc_update").asText())
                .isEqualTo(Site.designDocument("demo").string("validate_doc_update").orElseThrow());
    }

    @Test
    void reinstalling_for_another_project_name_updates_the_design_document() {
        Site.install(store, "demo");

        assertThat(Site.install(store, "other")).isTrue();
        assertThat(db.get(Site.DESIGN_ID).orElseThrow().path("dirt").path("project").asText()).isEqualTo("other");
    }

    @Test
    void design_document_version_is_the_sha256_of_its_compact_json_as_jackson_wrote_it_and_the_project_name()
            throws Exception {
        var doc = Site.designDocument("demo");
        var sha = MessageDigest.getInstance("SHA-256");
        sha.update(new ObjectMapper().writeValueAsBytes(JacksonBridge.tree(doc.without("dirt"))));
        sha.update("demo".getBytes(StandardCharsets.UTF_8));

        assertThat(doc.object("dirt").flatMap(dirt -> dirt.string("version")))
                .contains(HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void design_document_is_the_same_for_the_same_project() {
        assertThat(Site.designDocument("demo")).isEqualTo(Site.designDocument("demo"));
        assertThat(Site.designDocument("demo").object("dirt").flatMap(dirt -> dirt.string("version")))
                .isNotEqualTo(Site.designDocument("other").object("dirt").flatMap(dirt -> dirt.string("version")));
    }

    @Test
    void records_view_orders_records_by_created() {
        Site.install(store, "demo");
        db.bulkDocs(List.of(record("r1", 100), record("r3", 300), record("r2", 200)));

        var rows = db.view("dirt", "records", ViewQuery.all().descending(true).limit(2)).rows();

        assertThat(rows).extracting(ViewRow::id).containsExactly("r3", "r2");
        assertThat(rows.get(0).key().toString()).isEqualTo("[300,\"r3\"]");
        assertThat(JacksonBridge.tree(rows.get(0).value()).path("description").asText()).isEqualTo("revision r3");
    }

    @Test
    void tasks_by_record_lists_a_records_tasks_by_name_with_their_status() {
        Site.install(store, "demo");
        writeRun();

        var rows = db.view("dirt", "tasks_by_record",
                ViewQuery.all().startKey(List.of("r1")).endKey(List.of("r1", JSON.createObjectNode()))).rows();

        assertThat(rows).extracting(row -> JacksonBridge.tree(row.key()).get(1).asText() + "="
                + JacksonBridge.tree(row.value()).path("status").asText())
                .containsExactly("a.cancel=cancelled", "a.fail=failed", "a.pass=passed", "a.run=running",
                        "a.wait=waiting");
    }

    @Test
    void tasks_by_name_gives_every_run_of_a_task_newest_first() {
        Site.install(store, "demo");
        writeRun();

        var rows = db.view("dirt", "tasks_by_name", ViewQuery.all().descending(true)
                .startKey(List.of("a.pass", JSON.createObjectNode())).endKey(List.of("a.pass"))).rows();

        assertThat(rows).extracting(ViewRow::id).containsExactly("r2-pass", "r1-pass");
        JsonNode newest = JacksonBridge.tree(rows.get(0).value());
        assertThat(newest.path("record_id").asText()).isEqualTo("r2");
        assertThat(newest.path("status").asText()).isEqualTo("failed");
        assertThat(newest.path("reason").asText()).isEqualTo("broken");
        assertThat(newest.path("node").asText()).isEqualTo("local");
    }

    @Test
    void tasks_by_name_carries_why_a_task_waits() {
        Site.install(store, "demo");
        writeRun();

        var rows = db.view("dirt", "tasks_by_name", ViewQuery.all().startKey(List.of("a.wait"))
                .endKey(List.of("a.wait", JSON.createObjectNode()))).rows();

        assertThat(JacksonBridge.tree(rows.get(0).value()).path("waiting").asText())
                .startsWith("no enabled node");
    }

    @Test
    void status_counts_reduce_per_record_and_status() {
        Site.install(store, "demo");
        writeRun();

        var rows = db.view("dirt", "status_counts", ViewQuery.all().groupLevel(2)
                .startKey(List.of("r1")).endKey(List.of("r1", JSON.createObjectNode()))).rows();

        assertThat(rows).extracting(row -> JacksonBridge.tree(row.key()).get(1).asText() + "="
                + JacksonBridge.tree(row.value()).asInt())
                .containsExactly("cancelled=1", "failed=1", "passed=1", "running=1", "waiting=1");
    }

    @Test
    void nodes_and_running_by_node_list_nodes_and_what_runs_on_them() {
        Site.install(store, "demo");
        writeRun();
        db.bulkDocs(List.of(node("local", true, 2), node("build7", false, 4)));

        var nodes = db.view("dirt", "nodes", ViewQuery.all()).rows();
        var running = db.view("dirt", "running_by_node", ViewQuery.all().startKey(List.of("local"))
                .endKey(List.of("local", JSON.createObjectNode()))).rows();

        assertThat(nodes).extracting(ViewRow::id).containsExactly("node:build7", "node:local");
        assertThat(running).extracting(ViewRow::id).containsExactly("r1-run");
        assertThat(JacksonBridge.tree(running.get(0).value()).path("name").asText()).isEqualTo("a.run");
    }

    @Test
    void validation_rejects_a_task_whose_requires_is_not_a_list_of_strings() throws Exception {
        Site.install(store, "demo");
        var bad = task("t1", "r1", "a.pass", 100);
        bad.put("requires", "architecture is x86_64");

        HttpResponse<String> response = put("t1", bad.toString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("reason").asText()).isEqualTo("task \"t1\": requires must be a "
                + "list of strings like \"architecture is x86_64\", got \"architecture is x86_64\"");
    }

    @Test
    void validation_says_a_record_id_of_another_type_is_of_the_wrong_type_not_missing() throws Exception {
        Site.install(store, "demo");
        var bad = JSON.createObjectNode().put("_id", "t3").put("type", "task").put("name", "x").put("record_id", 5);

        HttpResponse<String> response = put("t3", bad.toString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("reason").asText())
                .contains("record_id must be a string, got 5 — set it to the _id of the record");
    }

    @Test
    void validation_reports_every_problem_of_a_task_at_once() throws Exception {
        Site.install(store, "demo");
        var bad = JSON.createObjectNode().put("_id", "t2").put("type", "task");
        bad.putArray("kwargs").add(1).add(2);

        HttpResponse<String> response = put("t2", bad.toString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("reason").asText())
                .contains("name is missing").contains("record_id is missing")
                .contains("kwargs must be a JSON object, got [1,2]");
    }

    @Test
    void validation_refuses_an_after_that_is_not_a_list_of_task_names_with_the_messages_of_dirt_post() throws Exception {
        Site.install(store, "demo");
        String task = "{\"type\": \"task\", \"name\": \"n\", \"record_id\": \"r1\", \"after\": \"build\"}";
        String entries = "{\"type\": \"task\", \"name\": \"n\", \"record_id\": \"r1\", \"after\": [\"build\", 7]}";

        HttpResponse<String> notAList = put("t4", task);
        HttpResponse<String> notNames = put("t5", entries);

        assertThat(notAList.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(notAList.body()).path("reason").asText()).isEqualTo("task \"t4\": after must be a"
                + " list of names or _ids of tasks of the same record, like [\"build\", \"lint\"], got \"build\"");
        assertThat(JSON.readTree(notNames.body()).path("reason").asText())
                .isEqualTo("task \"t5\": after[1] must be the name or _id of a task of the same record, got 7");
    }

    @Test
    void validation_refuses_kwargs_nested_deeper_than_dirt_post_and_serve_accept() throws Exception {
        Site.install(store, "demo");
        String deep = "{\"x\": ".repeat(100) + "{}" + "}".repeat(100);
        String task = "{\"type\": \"task\", \"name\": \"n\", \"record_id\": \"r1\", \"kwargs\": " + deep + "}";

        HttpResponse<String> response = put("t3", task);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("reason").asText())
                .contains("kwargs is nested deeper than 100 levels");
    }

    @Test
    void validation_accepts_valid_tasks_and_serves_write_backs() throws Exception {
        Site.install(store, "demo");

        assertThat(put("t3", task("t3", "r1", "a.pass", 100).toString()).statusCode()).isEqualTo(201);
        var stored = db.get("t3").orElseThrow();
        assertThat(put("t3", completed(started(stored, "local", 101), 102, true, null).toString()).statusCode())
                .isEqualTo(201);
    }

    @Test
    void tasks_by_name_shows_a_cancelled_run_as_cancelled_not_failed() {
        Site.install(store, "demo");
        writeRun();

        var rows = db.view("dirt", "tasks_by_name", ViewQuery.all().startKey(List.of("a.cancel"))
                .endKey(List.of("a.cancel", JSON.createObjectNode()))).rows();

        assertThat(rows).extracting(row -> JacksonBridge.tree(row.value()).path("status").asText())
                .containsExactly("cancelled");
        assertThat(JacksonBridge.tree(rows.get(0).value()).path("reason").asText()).isEqualTo("cancelled");
    }

    /** r1: one task per status; r2: a later failed run of a.pass. */
    private void writeRun() {
        db.bulkDocs(List.of(record("r1", 100), record("r2", 200),
                completed(started(task("r1-pass", "r1", "a.pass", 100), "local", 101), 102.5, true, null),
                completed(started(task("r1-fail", "r1", "a.fail", 100), "local", 101), 103, false, "exit code 1"),
                cancelled(started(task("r1-cancel", "r1", "a.cancel", 100), "local", 101), 105),
                started(task("r1-run", "r1", "a.run", 100), "local", 104),
                waiting(task("r1-wait", "r1", "a.wait", 100),
                        "no enabled node meets the requirements — local: \"G4INSTALL in environ\""),
                completed(started(task("r2-pass", "r2", "a.pass", 200), "local", 201), 202, false, "broken")));
    }

    private URI uri(String path) {
        String base = couch.config().url().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + db.name() + "/" + path);
    }

    private HttpResponse<String> put(String id, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(id)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (couch.config().hasCredentials()) {
            String pair = couch.config().user() + ":" + couch.config().password();
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
