package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dirt.notify.WebhookReceiver;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt serve} sends the notifications its project's settings ask for: a webhook on loopback, the local node. */
@ExtendWith(CouchServerExtension.class)
class ServeNotifyTest {
    @TempDir
    Path dir;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private Cli cli;
    private TestCouch couch;
    private String db;

    @BeforeEach
    void project_with_a_webhook(TestCouch couch) throws Exception {
        this.couch = couch;
        db = couch.newDatabaseName();
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        new Cli(dir, env).run("create", "demo", db);
        cli = new Cli(dir.resolve("demo"), env);
        Files.writeString(dir.resolve("demo/settings.toml"), String.join("\n", "[project]", "name = \"demo\"",
                "[couch]", "database = \"" + db + "\"", "[notify]", "console = true", "[[notify.webhook]]",
                "url = \"" + receiver.url() + "\"", "secret = \"s3cret\"", "[commands]", "free_form = true", ""));
        var probed = cli.run("updatenodes", "--local");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
    }

    @AfterEach
    void stop_receiver() {
        receiver.close();
    }

    @Test
    void serve_posts_a_failed_task_to_the_webhook_with_its_stderr_and_the_record_page() {
        var posted = cli.run("post", "--record", "r1", "--command", "ls /no-such-dirt-folder");
        assertThat(posted.exitCode()).as(posted.err()).isZero();

        var served = cli.run("serve", "--until-done", "--name", "ci");

        assertThat(served.exitCode()).as(served.err()).isZero();
        assertThat(receiver.requests()).singleElement().satisfies(request -> {
            assertThat(request.header("webhook-signature")).startsWith("v1,");
            JsonNode payload = request.json();
            assertThat(payload.path("subject").asText()).isEqualTo("[dirt] FAILED ls on r1 (node local)");
            assertThat(payload.path("task").path("reason").asText()).contains("exit");
            assertThat(payload.path("stderr_tail").toString()).contains("no-such-dirt-folder");
            assertThat(payload.path("url").asText()).as("the site 'dirt web' serves")
                    .isEqualTo("http://127.0.0.1:5985/record.html?id=r1");
        });
        var task = couch.client().database(db).get(receiver.requests().get(0).json().path("task").path("id")
                .asText()).orElseThrow();
        assertThat(task.path("notified").path("state").asText()).isEqualTo("sent");
        assertThat(task.path("notified").path("by").asText()).isEqualTo("ci");
    }
}
