package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.web.Access;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak, as an operator meets it: {@code DIRT_COUCH_PASSWORD} set for {@code dirt updatenodes --local} and
 * {@code dirt serve}, both real processes, must show up neither in the node's facts nor in a task's environment.
 */
@ExtendWith(CouchServerExtension.class)
class NodeSecretsProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private String password;
    private String name;
    private CouchDatabase db;
    private ServeProcess serve;

    @BeforeEach
    void project_reached_with_a_password_in_the_environment(TestCouch couch) throws Exception {
        name = couch.newDatabaseName();
        URI url = URI.create(couch.url());
        env.put("HOME", dir.toString());
        if (url.getUserInfo() != null) {
            String[] credentials = url.getUserInfo().split(":", 2);
            password = credentials[1];
            env.put("DIRT_COUCH_USER", credentials[0]);
        } else {
            password = "hunter2-" + UUID.randomUUID();
            String user = "dirt-secret-" + UUID.randomUUID();
            couch.client().database("_users").put(JSON.createObjectNode().put("_id", "org.couchdb.user:" + user)
                    .put("name", user).put("type", "user").put("password", password).set("roles",
                            JSON.createArrayNode().add(Access.SERVER)));
            env.put("DIRT_COUCH_USER", user);
        }
        env.put("DIRT_COUCH_URL", new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null,
                null).toString());
        env.put("DIRT_COUCH_PASSWORD", password);
        assertThat(new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()))
                .run("create", "demo", name).exitCode()).isZero();
        Cli.nameCommand(dir.resolve("demo"), "env", "env");
        db = couch.client().database(name);
    }

    @AfterEach
    void stop_serve() throws InterruptedException {
        if (serve != null) {
            serve.kill();
        }
    }

    /** {@code dirt ARGS} as a process of its own in the project, with {@link #env}; its output. */
    private String dirt(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("dirt.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.resolve("demo").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("dirt %s ended", args[0]).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void updatenodes_local_with_the_database_password_in_its_environment_stores_no_value_of_it() throws Exception {
        dirt("updatenodes", "--local");

        ObjectNode node = db.get("node:local").orElseThrow();
        var environ = node.path("sys_info").path("environ");
        assertThat(node.toString()).doesNotContain(password);
        assertThat(environ.path("DIRT_COUCH_PASSWORD").isMissingNode() || environ.path("DIRT_COUCH_PASSWORD").isNull())
                .as(environ.toString()).isTrue();
        assertThat(environ.path("PATH").asText()).isEqualTo(System.getenv("PATH"));
        assertThat(dirt("nodes", "--json")).contains("\"local\"").doesNotContain(password);
    }

    /**
     * serve needs a server admin: the fixture's, when it has one (a real CouchDB), else the admin party of
     * pouchdb-server, with other secrets of dirt's and of no one's in serve's environment instead.
     */
    @Test
    void a_command_task_run_by_serve_with_secrets_in_its_environment_does_not_see_them(TestCouch couch)
            throws Exception {
        dirt("updatenodes", "--local");
        if (URI.create(couch.url()).getUserInfo() == null) {
            env.remove("DIRT_COUCH_USER");
            env.remove("DIRT_COUCH_PASSWORD");
        }
        env.put("DIRT_SMTP_PASSWORD", password);
        env.put("SECRET_TOKEN", password);
        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record"),
                JSON.createObjectNode().put("_id", "env").put("type", "task").put("record_id", "r1")
                        .put("name", "env").put("command", "env")));

        serve = ServeProcess.start(dir.resolve("demo"), env, dir.resolve("serve.log"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> db.get("env").orElseThrow().has("completed"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the task did not complete; serve's log:\n" + serve.log(), e);
        }

        assertThat(db.get("env").orElseThrow().path("results").path("success").asBoolean())
                .as(db.get("env").orElseThrow().toString()).isTrue();
        String stdout = new String(db.getAttachment("env", "stdout.txt").orElseThrow().bytes(),
                StandardCharsets.UTF_8);
        assertThat(stdout).contains("DIRT_TASK_ID=env", "PATH=").doesNotContain(password)
                .doesNotContain("DIRT_COUCH_PASSWORD").doesNotContain("DIRT_SMTP_PASSWORD")
                .doesNotContain("SECRET_TOKEN");
    }
}
