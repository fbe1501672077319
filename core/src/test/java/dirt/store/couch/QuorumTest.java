package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How a write that a cluster accepted without a quorum is settled, on the revisions two racing writers leave behind
 * (planted as replication would, so the test runs on a single server too).
 */
@ExtendWith(CouchServerExtension.class)
class QuorumTest {
    private TestCouch couch;
    private CouchDatabase db;
    private Quorum quorum;
    private String parent;

    @BeforeEach
    void a_document_two_writers_read_at_its_first_revision(TestCouch couch) {
        this.couch = couch;
        db = couch.newDatabase();
        quorum = new Quorum(db);
        parent = db.put(doc("claimed_by", "nobody")).rev();
    }

    private static ObjectNode doc(String field, String value) {
        return CouchJson.MAPPER.createObjectNode().put("_id", "task1").put(field, value);
    }

    private String write(String hash, String who) {
        return ConflictingRevisions.plantChild(couch, db, parent, hash, doc("claimed_by", who));
    }

    @Test
    void a_write_that_is_the_only_live_leaf_holds() {
        String mine = write("aaaa", "me");

        assertThat(quorum.holds("task1", mine, parent)).isTrue();
        assertThat(db.get("task1").orElseThrow().path("claimed_by").asText()).isEqualTo("me");
    }

    @Test
    void a_write_beside_a_winning_sibling_does_not_hold_and_is_withdrawn() {
        String mine = write("aaaa", "me");
        write("ffff", "other");

        assertThat(quorum.holds("task1", mine, parent)).isFalse();
        assertThat(Leaf.live(db.leaves("task1"))).extracting(Leaf::rev).containsExactly("2-ffff");
        assertThat(db.get("task1").orElseThrow().path("claimed_by").asText()).isEqualTo("other");
    }

    @Test
    void a_winning_write_whose_sibling_stays_gives_way_to_it() {
        String mine = write("ffff", "me");
        write("aaaa", "other");

        assertThat(quorum.holds("task1", mine, parent)).isFalse();
        assertThat(db.get("task1").orElseThrow().path("claimed_by").asText()).isEqualTo("other");
        assertThat(Leaf.live(db.leaves("task1"))).hasSize(1);
    }

    @Test
    void a_write_whose_revision_is_gone_does_not_hold() {
        String mine = write("aaaa", "me");
        write("ffff", "other");
        db.deleteRevision("task1", mine);

        assertThat(quorum.holds("task1", mine, parent)).isFalse();
    }

    @Test
    void when_neither_write_reached_a_quorum_the_winner_holds_once_the_other_withdrew() {
        String winning = write("ffff", "me");
        String losing = write("aaaa", "other");

        assertThat(quorum.holds("task1", losing, parent)).isFalse();
        assertThat(quorum.holds("task1", winning, parent)).isTrue();
        assertThat(db.get("task1").orElseThrow().path("claimed_by").asText()).isEqualTo("me");
    }
}
