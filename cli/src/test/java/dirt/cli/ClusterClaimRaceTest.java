package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.ConflictException;
import dirt.store.Store;
import dirt.store.couch.BulkResult;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers race to update the same documents from the same revision through two nodes of a real 3-node CouchDB
 * cluster, as two servers claim a task: exactly one must win each race (CouchDB alone lets both succeed now and then,
 * one with 201 and one with 202), and no document may keep conflicting revisions.
 */
class ClusterClaimRaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RACES = 150;

    @TempDir
    static Path dir;

    private static CouchCluster cluster;
    private static CouchClient one;
    private static CouchClient two;
    private final ExecutorService writers = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void cluster_and_two_clients() {
        cluster = CouchCluster.start(dir.resolve("cluster"), 3);
        one = CouchClient.create(CouchConfig.of(cluster.url(0)));
        two = CouchClient.create(CouchConfig.of(cluster.url(1)));
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
        cluster.close();
    }

    private record Outcome(int bothWon, int noneWon, int conflictsLeft, int wrongWinnerShown) {}

    private Outcome race(String db, BiPredicate<CouchDatabase, ObjectNode> write) throws Exception {
        CouchDatabase first = one.database(db);
        first.createIfMissing();
        CouchDatabase second = two.database(db);
        List<String> revs = new ArrayList<>();
        for (int i = 0; i < RACES; i++) {
            revs.add(first.put(JSON.createObjectNode().put("_id", "d" + i).put("claimed_by", "nobody")).rev());
        }
        int bothWon = 0;
        int noneWon = 0;
        int conflictsLeft = 0;
        int wrongWinnerShown = 0;
        Store store = TestCouch.store(first);
        for (int i = 0; i < RACES; i++) {
            String id = "d" + i;
            CountDownLatch go = new CountDownLatch(1);
            ObjectNode byOne = JSON.createObjectNode().put("_id", id).put("_rev", revs.get(i)).put("claimed_by", "one");
            ObjectNode byTwo = JSON.createObjectNode().put("_id", id).put("_rev", revs.get(i)).put("claimed_by", "two");
            Future<Boolean> oneWon = writers.submit(() -> {
                go.await();
                return write.test(first, byOne);
            });
            Future<Boolean> twoWon = writers.submit(() -> {
                go.await();
                return write.test(second, byTwo);
            });
            go.countDown();
            boolean a = oneWon.get();
            boolean b = twoWon.get();
            bothWon += a && b ? 1 : 0;
            noneWon += !a && !b ? 1 : 0;
            List<ObjectNode> live = JacksonBridge.trees(store.revisions(id));
            conflictsLeft += live.size() > 1 ? 1 : 0;
            String shown = live.isEmpty() ? "gone" : live.get(0).path("claimed_by").asText();
            wrongWinnerShown += (a && !shown.equals("one")) || (b && !shown.equals("two")) ? 1 : 0;
        }
        return new Outcome(bothWon, noneWon, conflictsLeft, wrongWinnerShown);
    }

    @Test
    void single_document_writes_from_one_revision_through_two_nodes_have_exactly_one_winner() throws Exception {
        Outcome outcome = race("race_put", (db, doc) -> {
            try {
                db.put(doc);
                return true;
            } catch (ConflictException e) {
                return false;
            }
        });

        assertThat(outcome).isEqualTo(new Outcome(0, 0, 0, 0));
    }

    @Test
    void bulk_writes_from_one_revision_through_two_nodes_have_exactly_one_winner() throws Exception {
        Outcome outcome = race("race_bulk", (db, doc) -> db.bulkDocs(List.of(doc)).get(0).ok());

        assertThat(outcome).isEqualTo(new Outcome(0, 0, 0, 0));
    }

    /**
     * A writer that lost a race from the task's revision leaves its revision live until it withdraws it, and CouchDB
     * may show that one meanwhile (here: the greater hash wins). A claim made from it wins its own race with
     * {@code 201}; it must not hold beside the claim that won the race from the revision before.
     */
    @Test
    void a_claim_from_the_revision_of_a_lost_race_does_not_hold_beside_the_claim_that_won() {
        CouchDatabase first = one.database("race_leaf");
        first.createIfMissing();
        CouchDatabase second = two.database("race_leaf");
        String created = first.put(JSON.createObjectNode().put("_id", "t1").put("claimed_by", "nobody")).rev();
        ObjectNode claim = JSON.createObjectNode().put("_id", "t1").put("_rev", created).put("claimed_by", "one");
        assertThat(first.claimDocs(List.of(claim)).get(0).ok()).isTrue();
        String lost = "f".repeat(32);
        ObjectNode note = JSON.createObjectNode().put("_id", "t1").put("_rev", "2-" + lost).put("claimed_by", "nobody")
                .put("waiting", "a note that lost the race, not withdrawn yet");
        note.putObject("_revisions").put("start", 2).putArray("ids").add(lost).add(created.substring(2));
        ObjectNode body = JSON.createObjectNode().put("new_edits", false);
        body.putArray("docs").add(note);
        assertThat(cluster.send(0, "POST", "/race_leaf/_bulk_docs", body.toString()).statusCode()).isEqualTo(201);
        ObjectNode shown = second.get("t1").orElseThrow();
        assertThat(shown.path("_rev").asText()).isEqualTo("2-" + lost);

        BulkResult fromLost = second.claimDocs(List.of(shown.deepCopy().put("claimed_by", "two"))).get(0);

        assertThat(fromLost.conflict()).as(fromLost.toString()).isTrue();
        assertThat(TestCouch.store(first).revisions("t1")).extracting(doc -> doc.string("claimed_by").orElse(""))
                .containsExactly("one");
    }
}
