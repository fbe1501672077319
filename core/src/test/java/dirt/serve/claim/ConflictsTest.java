package dirt.serve.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.serve.Server;
import dirt.store.Store;
import dirt.store.couch.ConflictingRevisions;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Conflicting revisions left behind by writers that died while settling a race, planted as replication would. */
@ExtendWith(CouchServerExtension.class)
class ConflictsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCouch couch;
    private CouchDatabase db;
    private Store store;
    private Conflicts conflicts;
    private String parent;

    @BeforeEach
    void a_waiting_task(TestCouch couch) {
        this.couch = couch;
        db = couch.newDatabase();
        store = TestCouch.store(db);
        Server.installViews(store);
        conflicts = new Conflicts(store);
        parent = store.put(JacksonBridge.object(task()));
    }

    private static ObjectNode task() {
        return JSON.createObjectNode().put("_id", "t1").put("type", "task").put("name", "unit").put("record_id", "r1");
    }

    private void plant(String hash, ObjectNode content) {
        ConflictingRevisions.plantChild(couch, db, parent, hash, content);
    }

    @Test
    void a_conflict_is_left_alone_for_a_round_then_the_winner_is_kept() {
        plant("ffff", task().put("server", "winner").put("started", 1));
        plant("aaaa", task().put("server", "loser").put("started", 1));

        conflicts.resolve();
        assertThat(store.revisions("t1")).as("writers may still be settling the race").hasSize(2);

        conflicts.resolve();
        assertThat(store.revisions("t1")).singleElement()
                .satisfies(doc -> assertThat(doc.string("server")).contains("winner"));
    }

    @Test
    void a_completed_losing_revision_keeps_its_result() {
        plant("ffff", task().put("server", "stale").put("started", 1));
        plant("aaaa", task().put("server", "runner").put("started", 1).put("completed", 2)
                .set("results", JSON.createObjectNode().put("success", true)));

        conflicts.resolve();
        conflicts.resolve();

        assertThat(store.revisions("t1")).singleElement().satisfies(doc -> {
            assertThat(doc.string("server")).contains("runner");
            assertThat(doc.object("results").flatMap(results -> results.bool("success"))).contains(true);
        });
    }

    @Test
    void a_document_without_conflicts_is_not_touched() {
        String rev = store.get("t1").orElseThrow().rev().orElseThrow();

        conflicts.resolve();
        conflicts.resolve();

        assertThat(store.get("t1").orElseThrow().rev().orElseThrow()).isEqualTo(rev);
    }
}
