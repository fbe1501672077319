package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.notify.WebhookReceiver;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.transport.ssh.SshFarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real sshd nodes, one of them broken for a command that works on the others (node-a's {@code $HOME} is the
 * one the command refuses): every task passes on its second try elsewhere, node-a is quarantined with the evidence,
 * a webhook hears of it once, it takes no work while quarantined, and {@code dirt nodes release} gives it work again.
 */
@ExtendWith(CouchServerExtension.class)
class NodeQuarantineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(2);

    @RegisterExtension
    static final SshFarm farm = SshFarm.builder().node("node-a").node("node-b").node("node-c").build();

    @TempDir
    Path dir;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private ServeProcess server;
    private CouchDatabase db;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    @Test
    void a_node_that_fails_what_passes_elsewhere_is_quarantined_notified_once_and_released_by_hand(TestCouch couch)
            throws Exception {
        db = couch.client().database(couch.newDatabaseName());
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url(),
                "DIRT_SSH_CONFIG", farm.sshConfig().toString());
        Path project = dir.resolve("demo");
        new Cli(dir, env).run("create", "demo", db.name());
        Cli.allowAnyCommand(project);
        Cli.addWebhook(project, receiver.url());
        Cli cli = new Cli(project, env);
        var probed = cli.run("updatenodes", "node-a", "node-b", "node-c");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        server = ServeProcess.start(project, env, dir.resolve("serve.log"), "--name", "health");
        String brokenHome = farm.node("node-a").home().toString();

        post("b", 15, "test \"$HOME\" != '" + brokenHome + "'");

        List<ObjectNode> builds = completed("b", 15);
        assertThat(builds).allSatisfy(task -> assertThat(task.path("results").path("success").asBoolean())
                .as(task.toString()).isTrue());
        assertThat(builds).allSatisfy(task -> assertThat(task.path("node").asText()).isNotEqualTo("node-a"));
        JsonNode mark = await("node-a quarantined").atMost(WAIT)
                .until(() -> db.get("node:node-a").orElseThrow().path("quarantined"), JsonNode::isObject);
        assertThat(mark.path("reason").asText()).as("3 or more: tries that end together count together")
                .matches("failed [3-9] tries of b within 10 min that passed on other nodes.*");
        assertThat(mark.path("evidence")).hasSizeGreaterThanOrEqualTo(3).allSatisfy(entry -> {
            assertThat(entry.path("name").asText()).isEqualTo("b");
            assertThat(entry.path("passed_on")).isNotEmpty()
                    .allSatisfy(node -> assertThat(node.asText()).isIn("node-b", "node-c"));
        });
        assertThat(db.get("node:node-b").orElseThrow().has("quarantined")).isFalse();
        assertThat(db.get("node:node-c").orElseThrow().has("quarantined")).isFalse();
        JsonNode message = await("the webhook told").atMost(WAIT).until(this::nodeMessages, list -> !list.isEmpty())
                .get(0);
        assertThat(message.path("event").asText()).isEqualTo("node_quarantined");
        assertThat(message.path("subject").asText())
                .isEqualTo("[dirt] QUARANTINED node node-a: it fails tasks that pass on other nodes");
        assertThat(message.path("quarantined").path("evidence")).hasSizeGreaterThanOrEqualTo(3);

        post("q", 6, "true");
        assertThat(completed("q", 6)).as("tasks posted while node-a is quarantined")
                .allSatisfy(task -> assertThat(task.path("node").asText()).isIn("node-b", "node-c"));
        var listed = cli.run("nodes");
        assertThat(listed.out()).contains("node-a  quarantined");

        var released = cli.run("nodes", "release", "node-a");
        assertThat(released.exitCode()).as(released.err()).isZero();
        assertThat(released.out()).startsWith("Node node-a is released (it was quarantined: failed 3 tries of b");
        assertThat(db.get("node:node-a").orElseThrow().has("quarantined")).isFalse();
        post("r", 9, "true");
        assertThat(completed("r", 9)).as("tasks posted after the release")
                .anySatisfy(task -> assertThat(task.path("node").asText()).isEqualTo("node-a"));
        assertThat(nodeMessages()).as("webhook messages about nodes, over the whole run").hasSize(1);
        assertThat(server.alive()).as(server.log()).isTrue();
    }

    private List<JsonNode> nodeMessages() {
        return receiver.requests().stream().map(WebhookReceiver.Request::json)
                .filter(json -> json.path("node").isTextual()).toList();
    }

    private void post(String prefix, int count, String command) {
        List<ObjectNode> docs = new ArrayList<>();
        docs.add(JSON.createObjectNode().put("_id", "r-" + prefix).put("type", "record").put("created", 1_700_000_000));
        for (int i = 0; i < count; i++) {
            docs.add(JSON.createObjectNode().put("_id", prefix + i).put("type", "task").put("record_id", "r-" + prefix)
                    .put("name", prefix).put("created", 1_700_000_000 + i).put("tries", 2).put("retry_delay", 0)
                    .put("command", command));
        }
        db.bulkDocs(docs);
    }

    private List<ObjectNode> completed(String prefix, int count) {
        List<ObjectNode> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            done.add(await(id + " completed, see " + dir.resolve("serve.log")).atMost(WAIT)
                    .until(() -> db.get(id).orElseThrow(), doc -> doc.has("completed")));
        }
        return done;
    }
}
