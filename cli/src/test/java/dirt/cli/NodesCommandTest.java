package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.farm.NodeRegistry;
import dirt.node.NodeName;
import dirt.node.SysInfo;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(CouchServerExtension.class)
class NodesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli cli;
    private NodeRegistry registry;

    @BeforeEach
    void project_with_two_nodes(TestCouch couch) {
        cli = new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()));
        String db = couch.newDatabaseName();
        cli.run("create", "demo", db);
        cli = new Cli(dir.resolve("demo"), Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()));
        registry = new NodeRegistry(TestCouch.store(couch.client().database(db)), Clock.systemUTC());
        registry.recordProbe(new NodeName("node-a"), facts(4, "x86_64", 0.5));
        registry.recordProbe(new NodeName("node-b"), facts(2, "aarch64", 1.25));
    }

    private static SysInfo facts(int cpus, String arch, double load) {
        return new SysInfo(JacksonBridge.object(JSON.createObjectNode().put("cpu_count", cpus).put("architecture", arch)
                .put("load_average", load)));
    }

    @Test
    void nodes_lists_name_state_slots_arch_cpus_load_and_probe_time() {
        var run = cli.run("nodes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "NAME    STATE    SLOTS  ARCH     CPUS  LOAD  PROBED",
                "node-a  enabled  4      x86_64   4     0.50  just now",
                "node-b  enabled  2      aarch64  2     1.25  just now");
    }

    @Test
    void nodes_json_prints_the_node_documents() throws Exception {
        var run = cli.run("nodes", "--json");

        var docs = JSON.readTree(run.out());
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).path("_id").asText()).isEqualTo("node:node-a");
        assertThat(docs.get(0).path("sys_info").path("cpu_count").asInt()).isEqualTo(4);
    }

    @Test
    void slots_below_one_are_a_usage_error_that_says_how_to_stop_a_node() {
        var run = cli.run("nodes", "slots", "node-a", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("N must be at least 1, got 0", "dirt nodes disable node-a");
    }

    @Test
    void disable_enable_and_slots_change_the_stored_node() {
        assertThat(cli.run("nodes", "disable", "node-a").out()).contains("Node node-a is disabled.");
        assertThat(registry.find(new NodeName("node-a")).orElseThrow().enabled()).isFalse();

        cli.run("nodes", "enable", "node-a");
        cli.run("nodes", "slots", "node-a", "1");

        var node = registry.find(new NodeName("node-a")).orElseThrow();
        assertThat(node.enabled()).isTrue();
        assertThat(node.slots()).isEqualTo(1);
    }

    @Test
    void remove_deletes_the_node() {
        var run = cli.run("nodes", "remove", "node-b");

        assertThat(run.exitCode()).isZero();
        assertThat(registry.list()).extracting(node -> node.name().value()).containsExactly("node-a");
    }

    @Test
    void an_unknown_node_fails_with_the_known_names() {
        var run = cli.run("nodes", "disable", "node-c");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("no node named \"node-c\" (known: node-a, node-b)");
    }
}
