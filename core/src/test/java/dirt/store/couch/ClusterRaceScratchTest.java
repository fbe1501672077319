package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClusterRaceScratchTest {
    @Test
    void race() throws Exception {
        String[] urls = System.getenv("SCRATCH_CLUSTER").split(",");
        CouchClient a = CouchClient.create(CouchConfig.of(urls[0]));
        CouchClient b = CouchClient.create(CouchConfig.of(urls[1]));
        String name = "race" + System.nanoTime();
        CouchDatabase da = a.database(name);
        da.createIfMissing();
        CouchDatabase db = b.database(name);
        int n = 300;
        List<String> revs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            revs.add(da.put(Json.MAPPER.createObjectNode().put("_id", "d" + i).put("v", 0)).rev());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int doubles = 0, none = 0, conflictsLeft = 0, mismatched = 0;
        for (int i = 0; i < n; i++) {
            String id = "d" + i;
            String rev = revs.get(i);
            CountDownLatch go = new CountDownLatch(1);
            Future<Boolean> wa = pool.submit(() -> write(da, id, rev, "a", go));
            Future<Boolean> wb = pool.submit(() -> write(db, id, rev, "b", go));
            go.countDown();
            boolean ra = wa.get(), rb = wb.get();
            if (ra && rb) doubles++;
            if (!ra && !rb) none++;
            List<Leaf> live = Leaf.live(da.leaves(id));
            if (live.size() > 1) conflictsLeft++;
            String shown = live.isEmpty() ? "gone" : live.get(0).doc().path("w").asText();
            if ((ra && !shown.equals("a")) || (rb && !shown.equals("b"))) mismatched++;
        }
        System.out.printf("doubles=%d none=%d conflictsLeft=%d mismatched=%d%n", doubles, none, conflictsLeft, mismatched);
        da.deleteIfExists();
        assertThat(doubles).isZero();
        assertThat(mismatched).isZero();
    }

    private static boolean write(CouchDatabase d, String id, String rev, String who, CountDownLatch go) throws Exception {
        go.await();
        ObjectNode doc = Json.MAPPER.createObjectNode().put("_id", id).put("_rev", rev).put("w", who);
        try {
            if (System.getenv("SCRATCH_BULK") != null) {
                return d.bulkDocs(java.util.List.of(doc)).get(0).ok();
            }
            d.put(doc);
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }
}
