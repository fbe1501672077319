package dirt.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.document.Problem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PROBED = Instant.ofEpochSecond(1_700_000_000);

    private static JsonObject json(String text) {
        return Json.parseObject(text);
    }

    private static SysInfo facts(String text) throws Exception {
        return new SysInfo(json(text));
    }

    @Test
    void node_document_id_is_the_name_with_a_node_prefix() {
        assertThat(new NodeName("build7").documentId()).isEqualTo("node:build7");
    }

    @Test
    void node_name_is_read_back_from_a_node_document_id() {
        assertThat(NodeName.fromDocumentId("node:build7")).contains(new NodeName("build7"));
        assertThat(NodeName.fromDocumentId("r123")).isEmpty();
        assertThat(NodeName.fromDocumentId("node:")).isEmpty();
    }

    @Test
    void node_name_with_whitespace_is_rejected() {
        assertThatThrownBy(() -> new NodeName("build 7"))
                .hasMessage("node name must be one word without whitespace, got \"build 7\"");
    }

    @Test
    void new_node_is_enabled_with_one_slot_per_cpu() throws Exception {
        Node node = Node.create(new NodeName("build7"), facts("{\"cpu_count\": 8}"), PROBED);

        assertThat(node.enabled()).isTrue();
        assertThat(node.slots()).isEqualTo(8);
        assertThat(node.toDocument()).isEqualTo(json("""
                {"_id": "node:build7", "type": "node", "name": "build7", "enabled": true, "slots": 8,
                 "sys_info": {"cpu_count": 8}, "probed": 1700000000}"""));
    }

    @Test
    void new_node_without_a_cpu_count_gets_one_slot() {
        assertThat(Node.create(new NodeName("pi"), SysInfo.empty(), PROBED).slots()).isEqualTo(1);
    }

    @Test
    void node_document_round_trips_with_unknown_fields() throws Exception {
        JsonObject original = json("""
                {"_id": "node:build7", "_rev": "3-x", "type": "node", "name": "build7", "enabled": true, "slots": 2,
                 "sys_info": {"cpu_count": 4, "architecture": "x86_64", "gpu": "none"}, "probed": 1700000000,
                 "rack": "B"}""");

        Node node = Node.fromJson(original);

        assertThat(node.toDocument()).isEqualTo(original);
        assertThat(node.withEnabled(false).toDocument().string("rack")).contains("B");
        assertThat(node.withEnabled(false).toDocument().bool("enabled")).contains(false);
    }

    @Test
    void missing_enabled_and_slots_default_to_enabled_and_the_cpu_count() throws Exception {
        Node node = Node.fromJson(json("""
                {"_id": "node:a", "type": "node", "name": "a", "sys_info": {"cpu_count": 3}}"""));

        assertThat(node.enabled()).isTrue();
        assertThat(node.slots()).isEqualTo(3);
        assertThat(node.probed()).isEmpty();
    }

    @Test
    void a_new_probe_replaces_the_facts_and_keeps_enabled_and_slots() throws Exception {
        Node node = Node.create(new NodeName("a"), facts("{\"cpu_count\": 2}"), PROBED).withEnabled(false).withSlots(1);

        Node reprobed = node.withProbe(facts("{\"cpu_count\": 16}"), PROBED.plusSeconds(60));

        assertThat(reprobed.sysInfo().cpuCount()).hasValue(16);
        assertThat(reprobed.slots()).isEqualTo(1);
        assertThat(reprobed.enabled()).isFalse();
        assertThat(reprobed.probed()).contains(PROBED.plusSeconds(60));
    }

    @Test
    void validation_lists_every_problem_at_once() throws Exception {
        JsonObject bad = json("""
                {"_id": "node:other", "type": "node", "name": "build7", "enabled": "yes", "slots": 0,
                 "sys_info": {"cpu_count": "four", "architecture": 64}, "probed": "now"}""");

        assertThat(Node.validate(bad)).extracting(Problem::describe).containsExactly(
                "enabled must be true or false, got \"yes\"",
                "slots must be at least 1, got 0",
                "sys_info.cpu_count must be a whole number, got \"four\"",
                "sys_info.architecture must be a string, got 64",
                "probed must be a number of seconds since the epoch, got \"now\"",
                "_id must be \"node:build7\" for a node named \"build7\", got \"node:other\"");
    }

    @Test
    void sys_info_reads_the_facts_of_the_seed() throws Exception {
        SysInfo facts = facts("""
                {"cpu_count": 4, "platform": "Linux-2.6.32-33-server-x86_64-with-Ubuntu-10.04-lucid",
                 "architecture": "x86_64", "environ": {"FOO": "/bar", "N": 1}, "path": ["/bin", "/usr/bin"],
                 "version_info": "17.0.15", "hostname": "node1", "fqdn": "node1.site.org", "ip": "10.20.30.40"}""");

        assertThat(facts.cpuCount()).hasValue(4);
        assertThat(facts.architecture()).contains("x86_64");
        assertThat(facts.hostname()).contains("node1");
        assertThat(facts.fqdn()).contains("node1.site.org");
        assertThat(facts.platform()).contains("Linux-2.6.32-33-server-x86_64-with-Ubuntu-10.04-lucid");
        assertThat(facts.environ()).containsExactly(java.util.Map.entry("FOO", "/bar"));
        assertThat(facts.path()).containsExactly("/bin", "/usr/bin");
        assertThat(facts.value("ip")).contains(new dirt.json.JsonString("10.20.30.40"));
    }

    @Test
    void sys_info_environ_holds_the_shown_values_and_environ_names_every_name() throws Exception {
        SysInfo facts = facts("{\"environ\": {\"DIRT_COUCH_PASSWORD\": null, \"G4INSTALL\": null, \"PATH\": \"/bin\"}}");

        assertThat(facts.environ()).containsExactly(java.util.Map.entry("PATH", "/bin"));
        assertThat(facts.environNames()).containsExactly("DIRT_COUCH_PASSWORD", "G4INSTALL", "PATH");
    }

    @Test
    void sys_info_cannot_be_changed_through_its_facts() throws Exception {
        SysInfo facts = facts("{\"cpu_count\": 4}");
        assertThatThrownBy(() -> facts.facts().fields().put("cpu_count", dirt.json.JsonNumber.of(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(facts.cpuCount()).hasValue(4);
    }
}
