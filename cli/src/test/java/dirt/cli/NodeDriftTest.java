package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dirt.notify.WebhookReceiver;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.transport.ssh.SshFarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sshd node whose environment an administrator changes while {@code dirt serve} runs: serve's next probe
 * records the drift on the node document (a secret's value never stored), and a webhook hears of it once.
 */
@ExtendWith(CouchServerExtension.class)
class NodeDriftTest {
    private static final Duration WAIT = Duration.ofMinutes(1);

    @RegisterExtension
    static final SshFarm farm = SshFarm.builder().node("node-d").build();

    @TempDir
    Path dir;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private ServeProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    @Test
    void serve_probes_the_nodes_again_and_records_and_notifies_what_changed_once(TestCouch couch) throws Exception {
        CouchDatabase db = couch.client().database(couch.newDatabaseName());
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url(),
                "DIRT_SSH_CONFIG", farm.sshConfig().toString());
        Path project = dir.resolve("demo");
        new Cli(dir, env).run("create", "demo", db.name());
        Cli.addWebhook(project, receiver.url());
        Path settings = project.resolve("settings.toml");
        Files.writeString(settings, Files.readString(settings)
                .replace("reprobe_every = \"1h\"", "reprobe_every = \"1s\"")
                .replace("environ_values = [", "environ_values = [\"DIRT_DEPLOY_TOKEN\", "));
        var probed = new Cli(project, env).run("updatenodes", "node-d");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        server = ServeProcess.start(project, env, dir.resolve("serve.log"), "--name", "drift");

        farm.node("node-d").setEnvironment(Map.of("DIRT_DRIFT_PROBE", "1", "DIRT_DEPLOY_TOKEN", "hunter2"));

        JsonNode drift = await("the drift on node-d's document, see " + dir.resolve("serve.log")).atMost(WAIT)
                .until(() -> db.get("node:node-d").orElseThrow().path("facts_changed"), changes -> changes.size() >= 2);
        assertThat(drift).extracting(change -> change.path("what").asText() + " " + change.path("from") + " → "
                + change.path("to")).containsExactly("environ.DIRT_DEPLOY_TOKEN null → \"(set)\"",
                "environ.DIRT_DRIFT_PROBE null → \"(set)\"");
        JsonNode environ = db.get("node:node-d").orElseThrow().path("sys_info").path("environ");
        assertThat(environ.has("DIRT_DEPLOY_TOKEN")).isTrue();
        assertThat(environ.get("DIRT_DEPLOY_TOKEN").isNull()).as("a secret's value, listed in environ_values").isTrue();
        assertThat(db.get("node:node-d").orElseThrow().toString()).doesNotContain("hunter2");
        List<JsonNode> told = await("the webhook told").atMost(WAIT).until(this::nodeMessages, list -> !list.isEmpty());
        assertThat(told.get(0).path("event").asText()).isEqualTo("facts_changed");
        assertThat(told.get(0).path("subject").asText()).isEqualTo("[dirt] FACTS CHANGED node node-d: 2 change(s)");
        assertThat(told.get(0).toString()).contains("environ.DIRT_DRIFT_PROBE").doesNotContain("hunter2");
        await("more probes, with nothing new").atMost(WAIT).until(() -> db.get("node:node-d").orElseThrow()
                .path("probed").asDouble() > drift.get(1).path("when").asDouble() + 2);
        assertThat(nodeMessages()).as("messages about node-d").hasSize(1);
        assertThat(db.get("node:node-d").orElseThrow().path("facts_changed")).hasSize(2);
    }

    private List<JsonNode> nodeMessages() {
        return receiver.requests().stream().map(WebhookReceiver.Request::json)
                .filter(json -> json.path("node").isTextual()).toList();
    }
}
