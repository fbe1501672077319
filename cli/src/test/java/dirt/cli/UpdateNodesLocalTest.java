package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt updatenodes --local}: this machine as a node, through a real agent child process, no sshd. */
@ExtendWith(CouchServerExtension.class)
class UpdateNodesLocalTest {
    @TempDir
    Path dir;

    private Cli cli;
    private TestCouch couch;
    private String db;

    @BeforeEach
    void project(TestCouch couch) {
        this.couch = couch;
        db = couch.newDatabaseName();
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        new Cli(dir, env).run("create", "demo", db);
        cli = new Cli(dir.resolve("demo"), env);
    }

    @Test
    void local_stores_this_machine_as_the_node_local_with_its_facts() {
        var run = cli.run("updatenodes", "--local");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("local: ok — ", "agent uploaded", "1 node(s) stored, 0 failed");
        var node = couch.client().database(db).get("node:local").orElseThrow();
        var facts = node.path("sys_info");
        assertThat(facts.path("cpu_count").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(facts.path("environ").has("PATH")).isTrue();
        assertThat(facts.path("path").isArray()).isTrue();
        assertThat(node.path("enabled").asBoolean()).isTrue();
        assertThat(node.path("slots").asInt()).isEqualTo(facts.path("cpu_count").asInt());
    }

    @Test
    void a_second_probe_reuses_the_cached_agent() {
        cli.run("updatenodes", "--local");

        var again = cli.run("updatenodes", "--local");

        assertThat(again.out()).contains("agent cached");
    }

    @Test
    void no_host_and_no_local_is_a_usage_error() {
        var run = cli.run("updatenodes");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("name at least one HOST, or --local for this machine");
    }

    @Test
    void an_unreachable_host_fails_clearly_and_the_local_node_is_still_stored() throws Exception {
        var config = java.nio.file.Files.writeString(dir.resolve("ssh_config"),
                "Host deadhost\n  HostName 127.0.0.1\n  Port 1\n");

        var run = cli.run("updatenodes", "--local", "--ssh-config", config.toString(), "deadhost");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("dirt: deadhost: FAILED — ", "deadhost");
        assertThat(run.out()).contains("1 node(s) stored, 1 failed");
        assertThat(couch.client().database(db).get("node:local")).isPresent();
        assertThat(couch.client().database(db).get("node:deadhost")).isEmpty();
    }

    @Test
    void wrong_database_credentials_are_said_before_any_host_is_probed() throws Exception {
        assumeThat(couch.realCouchDb()).as("Apache CouchDB refuses wrong credentials").isTrue();
        var config = java.nio.file.Files.writeString(dir.resolve("ssh_config"),
                "Host deadhost\n  HostName 127.0.0.1\n  Port 1\n");
        var url = couch.config().url();

        var run = cli.run("updatenodes", "--couch", url.getScheme() + "://nobody:wrong@" + url.getHost() + ":"
                + url.getPort(), "--ssh-config", config.toString(), "deadhost");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STORE);
        assertThat(run.err()).contains("nobody").doesNotContain("deadhost");
        assertThat(run.out()).doesNotContain("Probing");
    }
}
