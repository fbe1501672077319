package dirt.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.DirtException;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.node.NodeNotFoundException;
import dirt.node.SysInfo;
import dirt.store.Store;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CouchServerExtension.class)
class NodeRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final NodeName BUILD7 = new NodeName("build7");

    private Store store;
    private NodeRegistry registry;

    @BeforeEach
    void fresh_database(TestCouch couch) {
        var db = couch.newDatabase();
        db.createIfMissing();
        store = TestCouch.store(db);
        registry = new NodeRegistry(store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SysInfo facts(int cpus, String arch) {
        ObjectNode facts = JSON.createObjectNode().put("cpu_count", cpus).put("architecture", arch);
        return new SysInfo(JacksonBridge.object(facts));
    }

    @Test
    void a_first_probe_stores_an_enabled_node_with_one_slot_per_cpu() {
        registry.recordProbe(BUILD7, facts(8, "x86_64"));

        Node node = registry.find(BUILD7).orElseThrow();
        assertThat(node.enabled()).isTrue();
        assertThat(node.slots()).isEqualTo(8);
        assertThat(node.probed()).contains(NOW);
        assertThat(store.get("node:build7")).isPresent();
    }

    @Test
    void a_new_probe_updates_the_facts_and_keeps_enabled_slots_and_fields_users_added() {
        registry.recordProbe(BUILD7, facts(8, "x86_64"));
        registry.setEnabled(BUILD7, false);
        registry.setSlots(BUILD7, 3);
        ObjectNode doc = JacksonBridge.tree(store.get("node:build7").orElseThrow());
        doc.put("rack", "b2");
        store.put(JacksonBridge.object(doc));

        registry.recordProbe(BUILD7, facts(16, "aarch64"));

        Node node = registry.find(BUILD7).orElseThrow();
        assertThat(node.sysInfo().architecture()).contains("aarch64");
        assertThat(node.enabled()).isFalse();
        assertThat(node.slots()).isEqualTo(3);
        assertThat(node.document().string("rack")).contains("b2");
    }

    @Test
    void list_returns_every_node_and_ignores_other_documents() {
        registry.recordProbe(new NodeName("a"), facts(1, "x86_64"));
        registry.recordProbe(new NodeName("b"), facts(2, "x86_64"));
        store.put(JacksonBridge.object(JSON.createObjectNode().put("_id", "r123").put("type", "record")));

        assertThat(registry.list()).extracting(node -> node.name().value()).containsExactly("a", "b");
    }

    @Test
    void removing_a_node_deletes_its_document() {
        registry.recordProbe(BUILD7, facts(2, "x86_64"));

        registry.remove(BUILD7);

        assertThat(registry.find(BUILD7)).isEmpty();
    }

    @Test
    void an_unknown_node_is_named_with_the_known_ones_and_what_to_do() {
        registry.recordProbe(new NodeName("a"), facts(1, "x86_64"));

        assertThatThrownBy(() -> registry.setEnabled(BUILD7, true))
                .isInstanceOf(NodeNotFoundException.class)
                .hasMessage("no node named \"build7\" (known: a) — 'dirt nodes' lists them; add one with"
                        + " 'dirt updatenodes build7'");
    }

    @Test
    void zero_slots_is_refused_with_the_way_to_stop_a_node() {
        registry.recordProbe(BUILD7, facts(2, "x86_64"));

        assertThatThrownBy(() -> registry.setSlots(BUILD7, 0))
                .isInstanceOf(DirtException.class)
                .hasMessageContaining("'dirt nodes disable build7'");
    }
}
