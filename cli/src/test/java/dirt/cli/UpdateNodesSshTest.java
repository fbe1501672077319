package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.transport.ssh.SshFarm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dirt updatenodes} against two real OpenSSH sshd nodes on loopback that present different environments, as two
 * hosts would: node-a has G4INSTALL, node-b has not. The nodes are reached through an ssh config with their aliases.
 */
@ExtendWith(CouchServerExtension.class)
class UpdateNodesSshTest {
    @RegisterExtension
    static final SshFarm farm = SshFarm.builder()
            .node("node-a", Map.of("G4INSTALL", "/opt/geant4"))
            .node("node-b")
            .build();

    @TempDir
    Path dir;

    private Cli cli;
    private TestCouch couch;
    private String db;

    @BeforeEach
    void project(TestCouch couch) {
        this.couch = couch;
        db = couch.newDatabaseName();
        Map<String, String> env = Map.of(
                "HOME", dir.toString(),
                "DIRT_COUCH_URL", couch.url(),
                "DIRT_SSH_CONFIG", farm.sshConfig().toString());
        new Cli(dir, env).run("create", "demo", db);
        cli = new Cli(dir.resolve("demo"), env);
    }

    @Test
    void updatenodes_stores_each_node_under_its_alias_with_its_own_facts() {
        var run = cli.run("updatenodes", "node-a", "node-b");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("node-a: ok — ", "node-b: ok — ", "2 node(s) stored, 0 failed");
        var a = couch.client().database(db).get("node:node-a").orElseThrow().path("sys_info");
        var b = couch.client().database(db).get("node:node-b").orElseThrow().path("sys_info");
        assertThat(a.path("environ").has("G4INSTALL")).isTrue();
        assertThat(a.path("environ").path("G4INSTALL").isNull()).as("the value of a variable not listed").isTrue();
        assertThat(b.path("environ").has("G4INSTALL")).isFalse();
        assertThat(a.path("architecture").asText()).isNotBlank();
        assertThat(a.path("cpu_count").asInt()).isPositive();
    }

    @Test
    void a_second_probe_prints_and_records_what_changed_on_the_node_since_the_first() {
        cli.run("updatenodes", "node-b");
        farm.node("node-b").setEnvironment(Map.of("DIRT_TEST_DRIFT", "on"));

        var again = cli.run("updatenodes", "node-b");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("node-b: changed since the last probe: environ.DIRT_TEST_DRIFT: null → \"(set)\"");
        var changes = couch.client().database(db).get("node:node-b").orElseThrow().path("facts_changed");
        assertThat(changes).singleElement().satisfies(change ->
                assertThat(change.path("what").asText()).isEqualTo("environ.DIRT_TEST_DRIFT"));
    }

    @Test
    void a_variable_the_settings_list_is_stored_with_its_value() throws Exception {
        Path settings = dir.resolve("demo/settings.toml");
        java.nio.file.Files.writeString(settings, java.nio.file.Files.readString(settings)
                .replaceFirst("(?m)^environ_values = .*$", "environ_values = [\"PATH\", \"G4INSTALL\"]"));

        var run = cli.run("updatenodes", "node-a");

        assertThat(run.exitCode()).as(run.err()).isZero();
        var a = couch.client().database(db).get("node:node-a").orElseThrow().path("sys_info");
        assertThat(a.path("environ").path("G4INSTALL").asText()).isEqualTo("/opt/geant4");
        assertThat(a.path("environ").path("PATH").isTextual()).isTrue();
    }

    @Test
    void nodes_then_lists_both() {
        cli.run("updatenodes", "node-a", "node-b");

        var run = cli.run("nodes");

        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out()).contains("node-a  enabled", "node-b  enabled");
    }

    @Test
    void a_second_updatenodes_reuses_the_agent_cached_on_each_node() {
        cli.run("updatenodes", "node-a", "node-b");

        var again = cli.run("updatenodes", "node-a", "node-b");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("agent uploaded");
        assertThat(again.out().lines().filter(line -> line.contains("agent cached"))).hasSize(2);
    }

    @Test
    void a_changed_host_key_is_refused_and_the_stored_node_is_left_as_it_was() throws Exception {
        cli.run("updatenodes", "node-b");
        var before = couch.client().database(db).get("node:node-b").orElseThrow();
        farm.node("node-b").regenerateHostKey();
        try {
            var run = cli.run("updatenodes", "node-b");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).contains("node-b: FAILED — host key changed", "man-in-the-middle");
            var after = couch.client().database(db).get("node:node-b").orElseThrow();
            assertThat(after.path("_rev")).isEqualTo(before.path("_rev"));
        } finally {
            farm.writeKnownHosts();
        }
    }
}
