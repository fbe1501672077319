package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.transport.ssh.SshFarm;
import dirt.transport.ssh.SshNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A node whose sshd dies while it runs a task: the task runs again elsewhere, and the node comes back by itself. */
@ExtendWith(CouchServerExtension.class)
class NodeLossTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final SshFarm farm = SshFarm.builder().node("node-a").node("node-b").build();

    @TempDir
    Path dir;

    private ServeProcess server;

    @AfterEach
    void stop_server() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        farm.nodes().forEach(SshNode::start);
    }

    @Test
    void a_task_on_a_node_that_dies_runs_again_on_another_and_the_node_comes_back_when_it_answers(TestCouch couch)
            throws Exception {
        CouchDatabase db = couch.client().database(couch.newDatabaseName());
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url(),
                "DIRT_SSH_CONFIG", farm.sshConfig().toString());
        new Cli(dir, env).run("create", "demo", db.name());
        Cli.allowAnyCommand(dir.resolve("demo"));
        var probed = new Cli(dir.resolve("demo"), env).run("updatenodes", "node-a", "node-b");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record"),
                JSON.createObjectNode().put("_id", "build").put("type", "task").put("record_id", "r1")
                        .put("name", "build").put("command", "sleep 4; echo built")));
        server = ServeProcess.start(dir.resolve("demo"), env, dir.resolve("serve.log"));
        await().atMost(WAIT).until(() -> db.get("build").orElseThrow().has("started"));
        String first = db.get("build").orElseThrow().path("node").asText();
        await().atMost(WAIT).until(() -> farm.node(first).processes().stream().anyMatch(p -> p.contains("sleep 4")));

        farm.node(first).stop();

        await().atMost(WAIT).until(() -> db.get("build").orElseThrow().has("completed"));
        JsonNode task = db.get("build").orElseThrow();
        assertThat(task.path("results").path("success").asBoolean()).as(task.toString()).isTrue();
        assertThat(task.path("node").asText()).isNotEqualTo(first);
        assertThat(task.path("history").get(0).path("outcome").asText()).isEqualTo("lost");
        assertThat(task.path("history").get(0).path("reason").asText()).contains("node " + first + " was lost");
        assertThat(db.get("node:" + first).orElseThrow().path("unreachable").path("reason").asText()).isNotEmpty();

        farm.node(first).start();

        await().atMost(WAIT).until(() -> !db.get("node:" + first).orElseThrow().has("unreachable"));
        assertThat(server.log()).contains("node " + first + " answers again");
    }
}
