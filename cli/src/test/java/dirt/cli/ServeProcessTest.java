package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt serve} as its own process, stopped by a signal as an operator or systemd would stop it. */
@ExtendWith(CouchServerExtension.class)
class ServeProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, String> env;
    private CouchDatabase db;
    private ServeProcess serve;

    @BeforeEach
    void project_with_the_local_node(TestCouch couch) {
        String name = couch.newDatabaseName();
        env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        new Cli(dir, env).run("create", "demo", name);
        Cli.allowAnyCommand(dir.resolve("demo"));
        var probed = new Cli(dir.resolve("demo"), env).run("updatenodes", "--local");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        db = couch.client().database(name);
        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record")));
    }

    @AfterEach
    void kill_server() throws InterruptedException {
        if (serve != null) {
            serve.kill();
        }
    }

    private ServeProcess startServe(String... options) {
        return ServeProcess.start(dir.resolve("demo"), env, dir.resolve("serve.log"), options);
    }

    @Test
    void sigterm_hands_back_a_task_that_outlives_the_grace_period_and_exits() throws Exception {
        serve = startServe("--grace", "1");
        db.bulkDocs(List.of((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                "{\"_id\": \"long\", \"type\": \"task\", \"record_id\": \"r1\", \"name\": \"long\","
                        + " \"command\": \"sleep 60\"}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> db.get("long").orElseThrow().has("started"));

        assertThat(serve.stop(Duration.ofSeconds(20))).as(log()).isTrue();
        var task = db.get("long").orElseThrow();
        assertThat(task.has("started")).as(task.toString()).isFalse();
        assertThat(task.has("completed")).isFalse();
        assertThat(log()).contains("long (long) handed back");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 60")))
                .as("the task's process on the node").isEmpty();
    }

    @Test
    void sigterm_lets_a_short_task_finish_within_the_grace_period() throws Exception {
        serve = startServe("--grace", "20");
        db.bulkDocs(List.of((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                "{\"_id\": \"short\", \"type\": \"task\", \"record_id\": \"r1\", \"name\": \"short\","
                        + " \"command\": \"sleep 2\"}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> db.get("short").orElseThrow().has("started"));

        assertThat(serve.stop(Duration.ofSeconds(30))).as(log()).isTrue();
        var task = db.get("short").orElseThrow();
        assertThat(task.path("results").path("success").asBoolean()).as(task.toString()).isTrue();
    }

    private String log() {
        return serve.log();
    }
}
