package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve samples each node's load, memory and free disk through its agent onto the node document; a node whose work
 * folder has less free space than {@code [serve] min_free_disk_bytes} takes no new work, and its tasks say why.
 */
@ExtendWith(CouchServerExtension.class)
class NodeResourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private ServeProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_node_whose_disk_is_nearly_full_takes_no_work_and_the_waiting_task_says_how_much_is_free(TestCouch couch)
            throws Exception {
        CouchDatabase db = couch.client().database(couch.newDatabaseName());
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        Path project = dir.resolve("demo");
        new Cli(dir, env).run("create", "demo", db.name());
        Cli.allowAnyCommand(project);
        Path settings = project.resolve("settings.toml");
        Files.writeString(settings, Files.readString(settings).replace("min_free_disk_bytes = 1073741824",
                "min_free_disk_bytes = " + (1L << 50)));
        var probed = new Cli(project, env).run("updatenodes", "--local");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        server = ServeProcess.start(project, env, dir.resolve("serve.log"), "--name", "disk");

        JsonNode node = await("node:local sampled and marked, see " + dir.resolve("serve.log")).atMost(WAIT)
                .until(() -> db.get("node:local").orElseThrow(), doc -> doc.has("disk_full"));
        JsonNode samples = node.path("resources").path("samples");
        assertThat(samples).isNotEmpty();
        assertThat(samples.get(0)).hasSize(4);
        assertThat(samples.get(0).get(3).asLong()).as("free bytes in the work folder").isPositive();
        assertThat(node.path("resources").path("disk_total").asLong()).isPositive();
        assertThat(node.path("disk_full").path("reason").asText()).startsWith("disk full: ")
                .contains("[serve] min_free_disk_bytes");

        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record"),
                JSON.createObjectNode().put("_id", "t1").put("type", "task").put("record_id", "r1").put("name", "t")
                        .put("command", "true")));

        JsonNode waiting = await("t1 waits").atMost(WAIT).until(() -> db.get("t1").orElseThrow().path("waiting"),
                JsonNode::isTextual);
        assertThat(waiting.asText())
                .startsWith("no enabled node meets the requirements — local: disk full: ");
        assertThat(db.get("t1").orElseThrow().has("started")).isFalse();
        var listed = new Cli(project, env).run("nodes");
        assertThat(listed.out()).contains("local  disk full");
    }
}
