package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.config.Settings;
import dirt.config.SettingsLoader;
import dirt.project.Project;
import dirt.project.TaskCompiler;
import dirt.serve.Server;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.transport.AgentJars;
import dirt.transport.local.LocalTransport;
import dirt.web.Site;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve writes back only what it decides: on a database with the site's {@code validate_doc_update} installed (which
 * refuses any change to what a task was posted with), tasks posted with odd spacing in {@code requires} or fields set
 * to {@code null} run or are cancelled, and keep those fields exactly as posted. The local node, the real server.
 */
@ExtendWith(CouchServerExtension.class)
class ServeKeepsPostedFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private CouchDatabase db;
    private Cli cli;
    private Server server;
    private String architecture;

    @BeforeEach
    void serve_a_project_with_validation_on_the_local_node(TestCouch couch) {
        String name = couch.newDatabaseName();
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        new Cli(dir, env).run("create", "demo", name);
        Cli.allowAnyCommand(dir.resolve("demo"));
        Path project = dir.resolve("demo");
        cli = new Cli(project, env);
        var probed = cli.run("updatenodes", "--local");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        db = couch.client().database(name);
        Site.install(TestCouch.store(db), "demo");
        architecture = db.get("node:local").orElseThrow().path("sys_info").path("architecture").asText();
        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record")));
        Settings settings = SettingsLoader.load(project, env).withCouchUrl(URI.create(couch.url()));
        var taskJar = new TaskCompiler().compile(Project.open(project));
        var agent = AgentJars.locate(dir.resolve(".cache/dirt/agent"));
        server = new Server(settings, TestCouch.store(db), taskJar, agent,
                node -> new LocalTransport(dir.resolve(".cache/dirt")), "test", "test-host", Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void stop_server() throws InterruptedException {
        server.stop(Duration.ofSeconds(5));
    }

    private ObjectNode post(String json) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(json);
        doc.put("type", "task").put("record_id", "r1");
        var written = db.bulkDocs(List.of(doc)).get(0);
        assertThat(written.ok()).as(written.toString()).isTrue();
        return doc;
    }

    private JsonNode completed(String id) {
        await().atMost(WAIT).until(() -> db.get(id).map(doc -> doc.has("completed")).orElse(false));
        return db.get(id).orElseThrow();
    }

    @Test
    void a_task_whose_requires_has_odd_spacing_runs_and_keeps_its_requires_as_posted() throws Exception {
        ObjectNode posted = post("{\"_id\": \"rR-spaces\", \"name\": \"spaces\", \"command\": \"true\","
                + " \"requires\": [\"  architecture   is   " + architecture + "  \"]}");

        JsonNode task = completed("rR-spaces");

        assertThat(task.path("results").path("success").asBoolean()).as(task.toString()).isTrue();
        assertThat(task.get("requires")).isEqualTo(posted.get("requires"));
    }

    @Test
    void a_waiting_task_whose_requires_has_odd_spacing_says_why_it_waits_and_is_cancelled() throws Exception {
        ObjectNode posted = post("{\"_id\": \"rR-never\", \"name\": \"never\", \"command\": \"true\","
                + " \"requires\": [\"  architecture   is   sparc64  \"]}");
        await().atMost(WAIT).until(() -> db.get("rR-never").orElseThrow().has("waiting"));

        var run = cli.run("cancel", "rR-never");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode task = completed("rR-never");
        assertThat(task.path("results").path("cancelled").asBoolean()).as(task.toString()).isTrue();
        assertThat(task.get("requires")).isEqualTo(posted.get("requires"));
    }

    @Test
    void a_task_with_fields_posted_as_null_runs_and_keeps_them_null() throws Exception {
        post("{\"_id\": \"rR-nulls\", \"name\": \"nulls\", \"command\": \"true\", \"requires\": null,"
                + " \"kwargs\": null, \"check\": null, \"after\": null}");

        JsonNode task = completed("rR-nulls");

        assertThat(task.path("results").path("success").asBoolean()).as(task.toString()).isTrue();
        for (String field : List.of("requires", "kwargs", "check", "after")) {
            assertThat(task.path(field).isNull()).as(field + " in " + task).isTrue();
        }
    }
}
