package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.config.CommandSettings;
import dirt.config.Settings;
import dirt.config.SettingsLoader;
import dirt.project.Project;
import dirt.project.TaskCompiler;
import dirt.serve.Server;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.transport.AgentJars;
import dirt.transport.ssh.HostKeyPolicy;
import dirt.transport.ssh.SshFarm;
import dirt.transport.ssh.SshTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * dirt serve end to end: a project made by 'dirt create', two real OpenSSH nodes (node-a has G4INSTALL, node-b has
 * not) registered by 'dirt updatenodes', the real CouchDB-compatible server, and documents posted over HTTP the way
 * curl or a commit hook posts them.
 */
@ExtendWith(CouchServerExtension.class)
class ServeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SshFarm farm = SshFarm.builder()
            .node("node-a", Map.of("G4INSTALL", "/opt/geant4"))
            .node("node-b")
            .build();

    @TempDir
    Path dir;

    private TestCouch couch;
    private CouchDatabase db;
    private Path project;
    private Server server;
    private boolean anyCommand = true;

    @BeforeEach
    void project_with_two_nodes(TestCouch couch) {
        this.couch = couch;
        String name = couch.newDatabaseName();
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url(),
                "DIRT_SSH_CONFIG", farm.sshConfig().toString());
        new Cli(dir, env).run("create", "demo", name);
        project = dir.resolve("demo");
        var probed = new Cli(project, env).run("updatenodes", "node-a", "node-b");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        db = couch.client().database(name);
    }

    @AfterEach
    void stop_server() throws InterruptedException {
        if (server != null) {
            server.stop(Duration.ofSeconds(5));
        }
    }

    private void startServer(String serverName) {
        Settings settings = SettingsLoader.load(project, Map.of("HOME", dir.toString()))
                .withCouchUrl(URI.create(couch.url())).withSsh(farm.settings());
        if (anyCommand) {
            settings = settings.withCommands(new CommandSettings(true, settings.commands().named()));
        }
        var taskJar = new TaskCompiler().compile(Project.open(project));
        var agent = AgentJars.locate(dir.resolve("agent-cache"));
        server = new Server(settings, TestCouch.store(db), taskJar, agent,
                node -> new SshTransport(node.value(), farm.settings(), HostKeyPolicy.VERIFY), serverName,
                "test-host", Clock.systemUTC());
        server.start();
    }

    /**
     * POST to _bulk_docs as {@code curl -u user:password} would: a commit hook writes as a user with a password, which
     * a real CouchDB needs (its databases are admin-only until given a {@code _security}).
     */
    private void post(String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(couch.config().url() + "/" + db.name() + "/_bulk_docs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (couch.config().hasCredentials()) {
            String userPassword = couch.config().user() + ":" + couch.config().password();
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
        }
        var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String task(String id, String fields) {
        return "{\"_id\": \"" + id + "\", \"type\": \"task\", \"record_id\": \"r123\", \"created\": 1315347385, "
                + fields + "}";
    }

    private void postTasks(String... tasks) throws Exception {
        post("{\"docs\": [{\"_id\": \"r123\", \"type\": \"record\", \"description\": \"this is revision one two three\","
                + " \"created\": 1315347385}, " + String.join(", ", tasks) + "]}");
    }

    private ObjectNode completed(String id) {
        return await().atMost(WAIT).until(() -> db.get(id).orElseThrow(), doc -> doc.has("completed"));
    }

    @Test
    void the_example_tasks_run_and_their_results_and_attachments_are_written_back() throws Exception {
        startServer("e2e-examples");

        postTasks(task("simple", "\"name\": \"examples.simple\", \"platform\": \"linux\""),
                task("arguments", "\"name\": \"examples.arguments\", \"kwargs\": {\"foo\": 42, \"bar\": \"baz\"}"),
                task("attachments", "\"name\": \"examples.attachments\""));

        ObjectNode simple = completed("simple");
        assertThat(simple.path("results").path("success").asBoolean()).as(simple.toString()).isTrue();
        assertThat(simple.path("results").path("sum").asInt()).isEqualTo(4);
        assertThat(simple.path("node").asText()).isIn("node-a", "node-b");
        assertThat(simple.path("started").isNumber()).isTrue();
        assertThat(simple.path("platform").asText()).isEqualTo("linux");
        ObjectNode arguments = completed("arguments");
        assertThat(arguments.path("results").path("foo").asInt()).as(arguments.toString()).isEqualTo(42);
        assertThat(arguments.path("results").path("bar").asText()).isEqualTo("baz");
        ObjectNode attachments = completed("attachments");
        assertThat(attachments.path("results").path("success").asBoolean()).as(attachments.toString()).isTrue();
        JsonNode link = attachments.path("results").path("attach_links").get(0);
        assertThat(db.getAttachment("attachments", link.path("id").asText())).isPresent();
    }

    @Test
    void a_command_task_keeps_stdout_stderr_and_the_files_it_leaves() throws Exception {
        startServer("e2e-command");

        postTasks(task("ok", "\"name\": \"report\", \"command\": \"echo out; echo err >&2; mkdir -p reports;"
                        + " echo '<testsuite/>' > reports/junit.xml\""),
                task("bad", "\"name\": \"broken\", \"command\": \"echo failing; exit 3\""));

        ObjectNode ok = completed("ok");
        assertThat(ok.path("results").path("success").asBoolean()).as(ok.toString()).isTrue();
        assertThat(new String(db.getAttachment("ok", "stdout.txt").orElseThrow().bytes())).isEqualTo("out\n");
        assertThat(new String(db.getAttachment("ok", "stderr.txt").orElseThrow().bytes())).isEqualTo("err\n");
        assertThat(db.getAttachment("ok", "reports/junit.xml")).isPresent();
        ObjectNode bad = completed("bad");
        assertThat(bad.path("results").path("success").asBoolean()).isFalse();
        assertThat(bad.path("results").path("reason").asText()).contains("3");
    }

    @Test
    void a_project_runs_only_its_named_commands_and_kwargs_reach_them_as_plain_words() throws Exception {
        anyCommand = false;
        Cli.nameCommand(project, "say", "echo {kwargs.text}");
        startServer("e2e-policy");

        postTasks(task("shell", "\"name\": \"owned\", \"command\": \"id > owned.txt\""),
                task("named", "\"name\": \"say\", \"command\": \"say\", \"kwargs\": {\"text\": \"$(id); touch x\"}"));

        ObjectNode shell = completed("shell");
        assertThat(shell.path("results").path("success").asBoolean()).isFalse();
        assertThat(shell.path("results").path("reason").asText())
                .contains("command \"id > owned.txt\" is not allowed", "[commands.named] (disk_free, disk_report, has_report, say)",
                        "[commands] free_form = true");
        assertThat(shell.has("started")).as("never sent to a node").isFalse();
        ObjectNode named = completed("named");
        assertThat(named.path("results").path("success").asBoolean()).as(named.toString()).isTrue();
        assertThat(new String(db.getAttachment("named", "stdout.txt").orElseThrow().bytes()))
                .isEqualTo("$(id); touch x\n");
    }

    @Test
    void requirements_send_each_task_to_the_node_that_meets_them() throws Exception {
        startServer("e2e-requires");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(task("g4-" + i, "\"name\": \"g4\", \"command\": \"true\", \"requires\": [\"G4INSTALL in environ\"]"));
            tasks.add(task("no-g4-" + i, "\"name\": \"no-g4\", \"command\": \"true\","
                    + " \"requires\": [\"G4INSTALL not_in environ\"]"));
        }

        postTasks(tasks.toArray(String[]::new));

        for (int i = 0; i < 3; i++) {
            assertThat(completed("g4-" + i).path("node").asText()).isEqualTo("node-a");
            assertThat(completed("no-g4-" + i).path("node").asText()).isEqualTo("node-b");
        }
    }

    @Test
    void an_unmatched_task_says_why_it_waits_and_runs_once_a_node_matches() throws Exception {
        startServer("e2e-waiting");

        postTasks(task("waits", "\"name\": \"needs-mark\", \"command\": \"true\","
                + " \"requires\": [\"DIRT_MARK in environ\"]"));

        ObjectNode waiting = await().atMost(WAIT).until(() -> db.get("waits").orElseThrow(),
                doc -> doc.has("waiting"));
        assertThat(waiting.path("waiting").asText())
                .contains("node-a", "node-b", "\"DIRT_MARK in environ\"")
                .doesNotContain("started");
        ObjectNode node = db.get("node:node-b").orElseThrow();
        ((ObjectNode) node.path("sys_info").path("environ")).put("DIRT_MARK", "1");
        db.put(node);

        assertThat(completed("waits").path("node").asText()).isEqualTo("node-b");
    }

    @Test
    void a_malformed_requirement_and_an_unknown_task_fail_at_once_with_clear_reasons() throws Exception {
        startServer("e2e-bad");

        postTasks(task("equals", "\"name\": \"examples.simple\", \"requires\": [\"architecture equals x86_64\"]"),
                task("nope", "\"name\": \"examples.nope\""),
                task("archi", "\"name\": \"examples.simple\", \"requires\": [\"archi is x86_64\"]"));

        assertThat(completed("equals").path("results").path("reason").asText())
                .contains("\"architecture equals x86_64\"", "unknown operator \"equals\"");
        assertThat(completed("nope").path("results").path("reason").asText())
                .contains("unknown task \"examples.nope\"", "examples.Nope", "examples.simple");
        assertThat(completed("archi").path("results").path("reason").asText())
                .contains("archi", "architecture");
        assertThat(db.get("nope").orElseThrow().has("started")).isFalse();
    }

    @Test
    void a_node_never_runs_more_tasks_at_once_than_its_slots() throws Exception {
        for (String node : List.of("node-a", "node-b")) {
            new Cli(project, Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()))
                    .run("nodes", "slots", node, "1");
        }
        startServer("e2e-slots");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(task("slow-" + i, "\"name\": \"slow\", \"command\": \"sleep 0.3\""));
        }

        postTasks(tasks.toArray(String[]::new));

        Map<String, List<double[]>> runs = new java.util.HashMap<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode doc = completed("slow-" + i);
            runs.computeIfAbsent(doc.path("node").asText(), node -> new ArrayList<>())
                    .add(new double[] {doc.path("started").asDouble(), doc.path("completed").asDouble()});
        }
        for (List<double[]> onNode : runs.values()) {
            onNode.sort((x, y) -> Double.compare(x[0], y[0]));
            for (int i = 1; i < onNode.size(); i++) {
                assertThat(onNode.get(i)[0]).as("a run started before the previous one on the node completed")
                        .isGreaterThanOrEqualTo(onNode.get(i - 1)[1]);
            }
        }
    }

    @Test
    void a_restart_runs_the_tasks_posted_while_it_was_down_and_no_finished_task_again() throws Exception {
        startServer("e2e-restart");
        postTasks(task("first", "\"name\": \"first\", \"command\": \"true\""));
        String finishedRev = completed("first").path("_rev").asText();
        server.stop(Duration.ofSeconds(5));
        post("{\"docs\": [" + task("second", "\"name\": \"second\", \"command\": \"true\"") + "]}");

        startServer("e2e-restart");

        completed("second");
        assertThat(db.get("first").orElseThrow().path("_rev").asText()).isEqualTo(finishedRev);
    }

    @Test
    void tasks_sent_to_an_unreachable_node_run_on_another_and_the_node_is_backed_off() throws Exception {
        ObjectNode ghost = db.get("node:node-b").orElseThrow();
        ghost.put("_id", "node:ghost").put("name", "ghost").remove("_rev");
        ((ObjectNode) ghost.path("sys_info").path("environ")).put("ONLY_GHOST", "1");
        db.put(ghost);
        startServer("e2e-ghost");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(task("b-" + i, "\"name\": \"b\", \"command\": \"true\","
                    + " \"requires\": [\"G4INSTALL not_in environ\"]"));
        }
        tasks.add(task("ghostly", "\"name\": \"ghostly\", \"command\": \"true\","
                + " \"requires\": [\"ONLY_GHOST in environ\"]"));

        postTasks(tasks.toArray(String[]::new));

        for (int i = 0; i < 4; i++) {
            ObjectNode done = completed("b-" + i);
            assertThat(done.path("results").path("success").asBoolean()).as(done.toString()).isTrue();
            assertThat(done.path("node").asText()).isEqualTo("node-b");
        }
        ObjectNode waiting = await().atMost(WAIT).until(() -> db.get("ghostly").orElseThrow(),
                doc -> doc.path("waiting").asText("").contains("unreachable"));
        assertThat(waiting.has("completed")).isFalse();
        assertThat(waiting.path("waiting").asText()).contains("ghost: node unreachable");
    }

    @Test
    void tasks_run_after_the_tasks_they_name_whatever_order_they_were_posted_in() throws Exception {
        startServer("e2e-after");

        postTasks(task("r123-package", "\"name\": \"package\", \"command\": \"true\", \"after\": [\"unit\", \"lint\"]"),
                task("r123-unit", "\"name\": \"unit\", \"command\": \"sleep 0.3\", \"after\": [\"build\"]"),
                task("r123-lint", "\"name\": \"lint\", \"command\": \"true\", \"after\": [\"r123-build\"]"),
                task("r123-build", "\"name\": \"build\", \"command\": \"sleep 0.3\""));

        ObjectNode packaged = completed("r123-package");
        ObjectNode build = completed("r123-build");
        ObjectNode unit = completed("r123-unit");
        ObjectNode lint = completed("r123-lint");
        for (ObjectNode task : List.of(build, unit, lint, packaged)) {
            assertThat(task.path("results").path("success").asBoolean()).as(task.toString()).isTrue();
        }
        assertThat(unit.path("started").asDouble()).isGreaterThanOrEqualTo(build.path("completed").asDouble());
        assertThat(lint.path("started").asDouble()).isGreaterThanOrEqualTo(build.path("completed").asDouble());
        assertThat(packaged.path("started").asDouble()).isGreaterThanOrEqualTo(unit.path("completed").asDouble())
                .isGreaterThanOrEqualTo(lint.path("completed").asDouble());
    }

    @Test
    void a_failed_dependency_skips_its_dependents_and_theirs_without_running_them() throws Exception {
        startServer("e2e-after-failed");

        postTasks(task("r123-build", "\"name\": \"build\", \"command\": \"exit 1\""),
                task("r123-unit", "\"name\": \"unit\", \"command\": \"true\", \"after\": [\"build\"]"),
                task("r123-package", "\"name\": \"package\", \"command\": \"true\", \"after\": [\"unit\"]"));

        ObjectNode packaged = completed("r123-package");
        ObjectNode unit = completed("r123-unit");
        assertThat(unit.path("results").path("reason").asText()).isEqualTo("not run: build (r123-build) failed");
        assertThat(packaged.path("results").path("reason").asText()).isEqualTo("not run: unit (r123-unit) skipped");
        for (ObjectNode skipped : List.of(unit, packaged)) {
            assertThat(skipped.path("results").path("success").asBoolean()).isFalse();
            assertThat(skipped.path("results").path("skipped").asBoolean()).isTrue();
            assertThat(skipped.has("started")).as("a skipped task never starts: " + skipped).isFalse();
        }
    }

    @Test
    void the_tasks_of_a_cycle_fail_naming_it_before_any_of_them_runs() throws Exception {
        startServer("e2e-after-cycle");

        postTasks(task("r123-a", "\"name\": \"a\", \"command\": \"true\", \"after\": [\"b\"]"),
                task("r123-b", "\"name\": \"b\", \"command\": \"true\", \"after\": [\"a\"]"),
                task("r123-c", "\"name\": \"c\", \"command\": \"true\", \"after\": [\"a\"]"),
                task("r123-self", "\"name\": \"self\", \"command\": \"true\", \"after\": [\"r123-self\"]"));

        ObjectNode self = completed("r123-self");
        assertThat(self.path("results").path("reason").asText()).as(self.toString())
                .startsWith("cycle: r123-self → r123-self");
        assertThat(self.has("started")).isFalse();
        for (String id : List.of("r123-a", "r123-b")) {
            ObjectNode failed = completed(id);
            assertThat(failed.path("results").path("success").asBoolean()).isFalse();
            assertThat(failed.path("results").path("reason").asText()).startsWith("cycle: ").contains("r123-a")
                    .contains("r123-b");
            assertThat(failed.has("started")).isFalse();
        }
        ObjectNode after = completed("r123-c");
        assertThat(after.path("results").path("skipped").asBoolean()).as(after.toString()).isTrue();
        assertThat(after.has("started")).isFalse();
    }

    @Test
    void a_check_skips_work_already_done_and_after_the_command_the_recheck_alone_decides() throws Exception {
        startServer("e2e-check");

        postTasks(task("done", "\"name\": \"done\", \"command\": \"touch ran\", \"check\": \"echo up to date\""),
                task("rescued", "\"name\": \"rescued\", \"command\": \"touch made; exit 3\", \"check\": \"test -f made\""),
                task("missed", "\"name\": \"missed\", \"command\": \"true\", \"check\": \"test -f never\""));

        ObjectNode done = completed("done");
        assertThat(done.path("results").path("success").asBoolean()).as(done.toString()).isTrue();
        assertThat(done.path("results").path("already_done").asBoolean()).isTrue();
        assertThat(new String(db.getAttachment("done", "check.txt").orElseThrow().bytes())).isEqualTo("up to date\n");
        assertThat(db.getAttachment("done", "ran")).as("the command did not run").isEmpty();
        ObjectNode rescued = completed("rescued");
        assertThat(rescued.path("results").path("success").asBoolean()).as(rescued.toString()).isTrue();
        assertThat(rescued.path("results").path("exit_code").asInt()).isEqualTo(3);
        ObjectNode missed = completed("missed");
        assertThat(missed.path("results").path("success").asBoolean()).isFalse();
        assertThat(missed.path("results").path("reason").asText())
                .isEqualTo("recheck failed (exit 1) after the command exited 0");
        assertThat(db.getAttachment("missed", "recheck.txt")).isPresent();
    }

    @Test
    void a_broadcast_runs_once_on_every_matching_node_and_its_parent_names_the_nodes_that_failed() throws Exception {
        startServer("e2e-broadcast");

        postTasks(task("clean", "\"name\": \"clean\", \"broadcast\": true, \"command\":"
                        + " \"case $DIRT_TASK_ID in *@node-b) echo disk full >&2; exit 1;; esac\""),
                task("geant", "\"name\": \"geant\", \"broadcast\": true, \"command\": \"true\","
                        + " \"requires\": [\"G4INSTALL in environ\"]"));

        ObjectNode clean = completed("clean");
        assertThat(clean.path("results").path("success").asBoolean()).as(clean.toString()).isFalse();
        assertThat(clean.path("results").path("reason").asText()).isEqualTo("failed on node-b");
        assertThat(clean.at("/results/nodes/node-a/success").asBoolean()).isTrue();
        assertThat(clean.at("/results/nodes/node-b/task").asText()).isEqualTo("clean@node-b");
        assertThat(clean.at("/results/nodes/node-b/reason").asText()).contains("exited with code 1");
        assertThat(clean.has("started")).as("the parent itself runs nowhere").isFalse();
        for (String node : List.of("node-a", "node-b")) {
            ObjectNode run = completed("clean@" + node);
            assertThat(run.path("node").asText()).isEqualTo(node);
            assertThat(run.path("parent").asText()).isEqualTo("clean");
        }
        ObjectNode geant = completed("geant");
        assertThat(geant.path("results").path("success").asBoolean()).as(geant.toString()).isTrue();
        assertThat(geant.path("children")).extracting(JsonNode::asText).containsExactly("geant@node-a");
        assertThat(db.get("geant@node-b")).as("node-b has no G4INSTALL").isEmpty();
    }

    @Test
    void cancelling_a_broadcast_stops_its_node_runs_and_skips_what_runs_after_it() throws Exception {
        startServer("e2e-broadcast-cancel");
        postTasks(task("soak", "\"name\": \"soak\", \"broadcast\": true, \"command\": \"sleep 60\""),
                task("report", "\"name\": \"report\", \"command\": \"true\", \"after\": [\"soak\"]"));
        await().atMost(WAIT).until(() -> db.get("soak@node-a").map(doc -> doc.has("started")).orElse(false)
                && db.get("soak@node-b").map(doc -> doc.has("started")).orElse(false));

        ObjectNode parent = db.get("soak").orElseThrow();
        db.put(parent.put("cancel", true));

        assertThat(completed("soak").path("results").path("cancelled").asBoolean()).isTrue();
        for (String node : List.of("node-a", "node-b")) {
            ObjectNode run = completed("soak@" + node);
            assertThat(run.path("results").path("cancelled").asBoolean()).as(run.toString()).isTrue();
        }
        ObjectNode report = completed("report");
        assertThat(report.path("results").path("reason").asText()).isEqualTo("not run: soak cancelled");
    }

    @Test
    void a_disabled_node_gets_no_run_of_a_broadcast() throws Exception {
        ObjectNode nodeB = db.get("node:node-b").orElseThrow();
        db.put(nodeB.put("enabled", false));
        startServer("e2e-broadcast-disabled");

        postTasks(task("tidy", "\"name\": \"tidy\", \"broadcast\": true, \"command\": \"true\""));

        ObjectNode tidy = completed("tidy");
        assertThat(tidy.path("results").path("success").asBoolean()).as(tidy.toString()).isTrue();
        assertThat(tidy.path("children")).extracting(JsonNode::asText).containsExactly("tidy@node-a");
        assertThat(tidy.path("results").path("nodes").has("node-b")).isFalse();
    }

    @Test
    void a_failed_try_runs_again_on_another_node_that_meets_the_requirements() throws Exception {
        startServer("e2e-elsewhere");
        String brokenHome = farm.node("node-a").home().toString();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(task("e-" + i, "\"name\": \"e\", \"tries\": 2, \"retry_delay\": 0, \"command\":"
                    + " \"test \\\"$HOME\\\" != '" + brokenHome + "'\""));
        }

        postTasks(tasks.toArray(String[]::new));

        int movedAway = 0;
        for (int i = 0; i < 6; i++) {
            ObjectNode done = completed("e-" + i);
            assertThat(done.path("results").path("success").asBoolean()).as(done.toString()).isTrue();
            assertThat(done.path("node").asText()).isEqualTo("node-b");
            for (JsonNode tried : done.path("history")) {
                assertThat(tried.path("node").asText()).isEqualTo("node-a");
                movedAway++;
            }
        }
        assertThat(movedAway).as("tries that failed on node-a and passed on node-b").isPositive();
    }
}
