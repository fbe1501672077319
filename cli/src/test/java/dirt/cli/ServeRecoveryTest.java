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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What serve does when runs go wrong, on the local node and the real CouchDB-compatible server: retries with a
 * history, timeouts and cancels that kill the task's processes, and bad documents that end with a reason while the
 * good ones keep running.
 */
@ExtendWith(CouchServerExtension.class)
class ServeRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private CouchDatabase db;
    private Cli cli;
    private Server server;
    private Supplier<Server> newServer;

    @BeforeEach
    void serve_a_project_on_the_local_node(TestCouch couch) throws Exception {
        String name = couch.newDatabaseName();
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        new Cli(dir, env).run("create", "demo", name);
        Cli.allowAnyCommand(dir.resolve("demo"));
        Path project = dir.resolve("demo");
        cli = new Cli(project, env);
        var probed = cli.run("updatenodes", "--local");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        db = couch.client().database(name);
        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record")));
        Settings settings = SettingsLoader.load(project, env).withCouchUrl(URI.create(couch.url()));
        settings = settings.withServe(settings.serve().withRecordWait(Duration.ofSeconds(2)));
        var taskJar = new TaskCompiler().compile(Project.open(project));
        var agent = AgentJars.locate(dir.resolve(".cache/dirt/agent"));
        Settings served = settings;
        newServer = () -> new Server(served, TestCouch.store(db), taskJar, agent,
                node -> new LocalTransport(dir.resolve(".cache/dirt")), "test", "test-host", Clock.systemUTC());
        server = newServer.get();
        server.start();
    }

    @AfterEach
    void stop_server() throws InterruptedException {
        server.stop(Duration.ofSeconds(5));
    }

    private void post(String... tasks) throws Exception {
        List<ObjectNode> docs = new java.util.ArrayList<>();
        for (String task : tasks) {
            ObjectNode doc = (ObjectNode) JSON.readTree(task);
            doc.put("type", "task");
            if (!doc.has("record_id")) {
                doc.put("record_id", "r1");
            }
            docs.add(doc);
        }
        db.bulkDocs(docs);
    }

    private JsonNode completed(String id) {
        await().atMost(WAIT).until(() -> db.get(id).map(doc -> doc.has("completed")).orElse(false));
        return db.get(id).orElseThrow();
    }

    private static List<String> processesWith(String marker) {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(marker)).toList();
    }

    @Test
    void a_task_whose_dependency_passed_while_every_slot_is_taken_no_longer_says_it_waits_for_the_dependency()
            throws Exception {
        assertThat(cli.run("nodes", "slots", "local", "1").exitCode()).isZero();
        await().atMost(WAIT).until(() -> server.state().nodes().stream()
                .anyMatch(node -> node.node().equals("local") && node.busy() + node.free() == 1));
        Path gate = dir.resolve("gate");
        post("{\"_id\": \"first\", \"name\": \"first\", \"command\": \"sleep 2\", \"created\": 1}",
                "{\"_id\": \"then\", \"name\": \"then\", \"command\": \"true\", \"after\": [\"first\"],"
                        + " \"created\": 3}");
        await().atMost(WAIT).until(() -> db.get("first").orElseThrow().has("started"));
        // older than "then": it takes the slot when "first" ends, and keeps it until the gate opens
        post("{\"_id\": \"blocker\", \"name\": \"blocker\", \"command\": \"while [ ! -e " + gate
                + " ]; do sleep 0.05; done\", \"created\": 2}");

        await().atMost(WAIT).until(() -> db.get("then").orElseThrow().path("waiting").asText()
                .equals("waiting for first"));
        await().atMost(WAIT).until(() -> db.get("blocker").orElseThrow().has("started"));
        await().atMost(WAIT).until(() -> db.get("then").orElseThrow().path("waiting").asText()
                .equals("waits for a free slot on a matching node"));
        Files.writeString(gate, "");

        assertThat(completed("then").path("results").path("success").asBoolean()).isTrue();
    }

    @Test
    void a_failing_task_is_tried_as_often_as_its_tries_and_keeps_every_attempt_in_its_history() throws Exception {
        post("{\"_id\": \"flaky\", \"name\": \"flaky\", \"command\": \"echo try >&2; exit 3\", \"tries\": 3,"
                + " \"retry_delay\": 0}");

        JsonNode task = completed("flaky");

        assertThat(task.path("results").path("success").asBoolean()).isFalse();
        assertThat(task.path("results").path("reason").asText()).isEqualTo("command exited with code 3");
        assertThat(task.path("attempt").asInt()).isEqualTo(3);
        assertThat(task.path("history")).hasSize(2);
        assertThat(task.path("history").get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(task.path("history").get(0).path("reason").asText()).isEqualTo("command exited with code 3");
        assertThat(task.path("history").get(1).path("attempt").asInt()).isEqualTo(2);
        assertThat(task.path("_attachments").has("attempt-1/stderr.txt")).as(task.toString()).isTrue();
        assertThat(task.path("_attachments").has("stderr.txt")).isTrue();
    }

    @Test
    void a_task_that_passes_on_a_later_try_completes_passed() throws Exception {
        Path flag = dir.resolve("second-time");
        post("{\"_id\": \"second\", \"name\": \"second\", \"tries\": 2, \"retry_delay\": 0.5, \"command\":"
                + " \"if [ -e " + flag + " ]; then exit 0; else touch " + flag + "; exit 1; fi\"}");

        JsonNode task = completed("second");

        assertThat(task.path("results").path("success").asBoolean()).as(task.toString()).isTrue();
        assertThat(task.path("history")).hasSize(1);
        assertThat(task.has("retry_at")).isFalse();
    }

    @Test
    void a_task_that_ran_before_goes_ahead_of_older_tasks_that_never_ran() throws Exception {
        assertThat(cli.run("nodes", "slots", "local", "1").exitCode()).isZero();
        Path flag = dir.resolve("again");
        post("{\"_id\": \"again\", \"name\": \"again\", \"created\": 100, \"tries\": 2, \"retry_delay\": 0,"
                + " \"command\": \"sleep 1; if [ -e " + flag + " ]; then exit 0; else touch " + flag + "; exit 1; fi\"}");
        await().atMost(WAIT).until(() -> db.get("again").orElseThrow().has("started"));

        post("{\"_id\": \"older1\", \"name\": \"older\", \"created\": 50, \"command\": \"true\"}",
                "{\"_id\": \"older2\", \"name\": \"older\", \"created\": 60, \"command\": \"true\"}");

        JsonNode again = completed("again");
        assertThat(again.path("attempt").asInt()).isEqualTo(2);
        assertThat(completed("older1").path("started").asDouble())
                .isGreaterThanOrEqualTo(again.path("started").asDouble());
        assertThat(completed("older2").path("started").asDouble())
                .isGreaterThanOrEqualTo(again.path("started").asDouble());
    }

    @Test
    void a_timeout_kills_the_whole_process_tree_and_fails_the_task_as_timed_out() throws Exception {
        post("{\"_id\": \"slow\", \"name\": \"slow\", \"timeout\": 1, \"command\": \"sleep 3011 & sleep 3012\"}");

        JsonNode task = completed("slow");

        assertThat(task.path("results").path("timed_out").asBoolean()).as(task.toString()).isTrue();
        assertThat(task.path("results").path("reason").asText()).isEqualTo("timed out after 1 s");
        await().atMost(Duration.ofSeconds(10)).until(() -> processesWith("sleep 301").isEmpty());
    }

    @Test
    void cancelling_a_running_task_kills_it_on_its_node() throws Exception {
        post("{\"_id\": \"long\", \"name\": \"long\", \"command\": \"sleep 3021\"}");
        await().atMost(WAIT).until(() -> !processesWith("sleep 3021").isEmpty());

        var run = cli.run("cancel", "long");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("long: cancel asked for (running on local");
        JsonNode task = completed("long");
        assertThat(task.path("results").path("cancelled").asBoolean()).as(task.toString()).isTrue();
        assertThat(task.path("results").path("reason").asText()).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(10)).until(() -> processesWith("sleep 3021").isEmpty());
    }

    @Test
    void cancelling_a_waiting_task_ends_it_before_it_starts() throws Exception {
        post("{\"_id\": \"never\", \"name\": \"never\", \"command\": \"true\", \"requires\": [\"architecture is"
                + " sparc64\"]}");
        await().atMost(WAIT).until(() -> db.get("never").orElseThrow().has("waiting"));

        var run = cli.run("cancel", "--record", "r1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode task = completed("never");
        assertThat(task.has("started")).isFalse();
        assertThat(task.path("results").path("cancelled").asBoolean()).isTrue();
    }

    @Test
    void cancel_of_a_document_that_is_not_a_task_fails_with_a_clear_message() {
        var run = cli.run("cancel", "r1", "nope");
        var noRecord = cli.run("cancel", "--record", "r404");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("dirt: cannot cancel \"r1\": it is a record, not a task — cancel its tasks with"
                + " 'dirt cancel --record r1'\n",
                "dirt: cannot cancel \"nope\": no such document in database \"" + db.name() + "\" — check the id with"
                        + " 'dirt status' or the web site\n");
        assertThat(noRecord.exitCode()).isEqualTo(1);
        assertThat(noRecord.err()).contains("dirt: cannot cancel record \"r404\": no such document in database \""
                + db.name() + "\"");
    }

    @Test
    void bad_documents_end_with_a_reason_and_the_good_ones_still_run() throws Exception {
        post("{\"_id\": \"no-name\", \"command\": \"true\"}",
                "{\"_id\": \"kwargs-list\", \"name\": \"x\", \"command\": \"true\", \"kwargs\": [1, 2]}",
                "{\"_id\": \"record-number\", \"name\": \"x\", \"command\": \"true\", \"record_id\": 7}",
                "{\"_id\": \"bad-require\", \"name\": \"x\", \"command\": \"true\", \"requires\": [\"cpu_count >>"
                        + " 2\"]}",
                "{\"_id\": \"unknown-key\", \"name\": \"x\", \"command\": \"true\", \"requires\": [\"flux is on\"]}",
                "{\"_id\": \"unknown-task\", \"name\": \"examples.nothere\"}",
                "{\"_id\": \"bad-timeout\", \"name\": \"x\", \"command\": \"true\", \"timeout\": \"soon\"}",
                "{\"_id\": \"no-record\", \"name\": \"x\", \"command\": \"true\", \"record_id\": \"r404\"}",
                "{\"_id\": \"binary\", \"name\": \"x\", \"command\": \"printf '\\\\377\\\\376ok'\"}",
                "{\"_id\": \"loud\", \"name\": \"x\", \"command\": \"head -c 40000000 /dev/zero | tr '\\\\0' x\"}",
                "{\"_id\": \"doomed\", \"name\": \"x\", \"command\": \"sleep 3\"}");
        await().atMost(WAIT).until(() -> db.get("doomed").orElseThrow().has("started"));
        db.delete("doomed", db.get("doomed").orElseThrow().get("_rev").asText());
        post("{\"_id\": \"good\", \"name\": \"x\", \"command\": \"echo fine\"}");

        assertThat(completed("good").path("results").path("success").asBoolean()).isTrue();
        assertThat(reason("no-name")).startsWith("invalid task: name is missing");
        assertThat(reason("kwargs-list")).contains("kwargs must be a JSON object, got [1,2]");
        assertThat(reason("record-number")).contains("record_id");
        assertThat(reason("bad-require")).contains("requires[0]");
        assertThat(reason("unknown-key")).contains("flux");
        assertThat(reason("unknown-task")).startsWith("unknown task \"examples.nothere\"");
        assertThat(reason("bad-timeout")).contains("timeout must be a positive number of seconds");
        assertThat(reason("no-record")).startsWith("unknown record_id \"r404\"");
        JsonNode binary = completed("binary");
        assertThat(binary.path("results").path("success").asBoolean()).isTrue();
        assertThat(db.getAttachment("binary", "stdout.txt").orElseThrow().bytes())
                .isEqualTo(new byte[] {(byte) 0xff, (byte) 0xfe, 'o', 'k'});
        JsonNode loud = completed("loud");
        assertThat(loud.path("results").path("truncated").toString()).contains("stdout.txt");
        assertThat(db.get("doomed")).isEmpty();
    }

    @Test
    void a_task_whose_name_is_no_java_name_fails_with_the_reason_also_when_serve_finds_it_at_its_start()
            throws Exception {
        server.stop(Duration.ofSeconds(5));
        post("{\"_id\": \"spaces\", \"name\": \"not a class\"}",
                "{\"_id\": \"path\", \"name\": \"../../etc/passwd\"}");
        server = newServer.get();
        server.start();
        post("{\"_id\": \"good\", \"name\": \"x\", \"command\": \"true\"}");

        assertThat(reason("spaces")).startsWith(
                "task name \"not a class\" is not valid: \"not a class\" is not a Java identifier");
        assertThat(reason("path")).startsWith("task name \"../../etc/passwd\" is not valid: it has an empty part")
                .contains("known tasks: ");
        assertThat(completed("good").path("results").path("success").asBoolean()).isTrue();
    }

    @Test
    void a_server_that_is_stopping_leaves_the_tasks_posted_meanwhile_to_the_next_one() throws Exception {
        post("{\"_id\": \"long\", \"name\": \"x\", \"command\": \"sleep 3\"}");
        await().atMost(WAIT).until(() -> db.get("long").orElseThrow().has("started"));
        Server stopping = server;
        Thread stop = new Thread(() -> {
            try {
                stopping.stop(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stop.start();
        await().atMost(WAIT).until(() -> stop.getState() == Thread.State.TIMED_WAITING);
        post("{\"_id\": \"unknown\", \"name\": \"examples.nothere\"}");
        stop.join(WAIT.toMillis());

        assertThat(completed("long").path("results").path("success").asBoolean()).isTrue();
        assertThat(db.get("unknown").orElseThrow().has("completed")).isFalse();
        server = newServer.get();
        server.start();
        assertThat(reason("unknown")).startsWith("unknown task \"examples.nothere\"");
    }

    private String reason(String id) {
        return completed(id).path("results").path("reason").asText();
    }
}
