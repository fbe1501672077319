package dirt.serve.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.store.Store;
import dirt.store.couch.ConflictingRevisions;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes about a run while a lost race's revision still stands beside the claim, as on a CouchDB cluster (planted as
 * replication would, so the test runs on a single server too).
 */
@ExtendWith(CouchServerExtension.class)
class TaskWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCouch couch;
    private CouchDatabase db;
    private Store store;
    private TaskWriter writer;
    private String parent;

    @BeforeEach
    void a_task_claimed_by_two_servers_through_different_nodes(TestCouch couch) {
        this.couch = couch;
        db = couch.newDatabase();
        store = TestCouch.store(db);
        writer = new TaskWriter(store);
        parent = store.put(JacksonBridge.object(task()));
        ConflictingRevisions.plantChild(couch, db, parent, "ffff", task().put("server", "two").put("started", 1));
        ConflictingRevisions.plantChild(couch, db, parent, "aaaa", task().put("server", "one").put("started", 1));
    }

    private static ObjectNode task() {
        return JSON.createObjectNode().put("_id", "t1").put("type", "task").put("name", "unit").put("record_id", "r1");
    }

    private static JsonObject completedBy(String server, JsonObject current) {
        return current.string("server").filter(server::equals).isPresent()
                ? current.with("completed", JsonNumber.of(2)) : null;
    }

    @Test
    void the_result_of_the_run_whose_claim_is_not_shown_yet_goes_onto_its_own_revision() throws Exception {
        assertThat(store.get("t1").orElseThrow().string("server").orElseThrow()).as("CouchDB shows the other claim")
                .isEqualTo("two");

        assertThat(writer.updateDurably("t1", Optional.empty(), current -> completedBy("one", current), () -> true)).isPresent();

        ObjectNode shown = JacksonBridge.tree(store.get("t1").orElseThrow());
        assertThat(shown.path("server").asText()).isEqualTo("one");
        assertThat(shown.has("completed")).isTrue();
    }

    @Test
    void a_write_that_is_not_about_a_run_of_this_server_never_touches_a_hidden_revision() {
        assertThat(writer.updateRaw("t1", current -> completedBy("one", current))).isEmpty();

        assertThat(store.revisions("t1")).allSatisfy(doc -> assertThat(doc.has("completed")).isFalse());
    }

    @Test
    void a_result_written_onto_a_stale_guess_is_written_onto_the_current_revision_and_keeps_what_changed_meanwhile()
            throws Exception {
        ObjectNode claimed = task().put("_id", "t2").put("server", "one").put("started", 1);
        claimed.put("_rev", store.put(JacksonBridge.object(claimed)));
        store.put(JacksonBridge.object(claimed.deepCopy().put("cancel", true)));

        var written = writer.updateDurably("t2", Optional.of(JacksonBridge.object(claimed)), current -> completedBy("one", current),
                () -> true);

        assertThat(written).isPresent();
        ObjectNode shown = JacksonBridge.tree(store.get("t2").orElseThrow());
        assertThat(shown.has("completed")).isTrue();
        assertThat(shown.path("cancel").asBoolean()).as("the change made meanwhile").isTrue();
    }

    @Test
    void a_result_written_onto_the_claims_own_revision_needs_no_read() throws Exception {
        ObjectNode claimed = task().put("_id", "t3").put("server", "one").put("started", 1);
        claimed.put("_rev", store.put(JacksonBridge.object(claimed)));

        var written = writer.updateDurably("t3", Optional.of(JacksonBridge.object(claimed)), current -> completedBy("one", current),
                () -> true);

        assertThat(written).get().satisfies(doc -> assertThat(doc.rev().orElseThrow()).startsWith("2-"));
        assertThat(store.get("t3").orElseThrow().has("completed")).isTrue();
    }
}
