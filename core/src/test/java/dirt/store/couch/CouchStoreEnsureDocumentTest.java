package dirt.store.couch;

import static dirt.store.couch.Docs.designDoc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link CouchStore#ensureDocument}: how servers install their design documents, alone and all at once. */
@ExtendWith(CouchServerExtension.class)
final class CouchStoreEnsureDocumentTest {
    private static final int SERVERS = 6;
    private static final String MAP = "function (doc) { if (doc.type === 'task') { emit(doc.state, null); } }";

    @Test
    void a_missing_document_is_written_once_and_an_equal_one_is_left_alone(TestCouch couch) {
        CouchStore store = new CouchStore(couch.database());

        assertThat(store.ensureDocument(JacksonBridge.object(designDoc("serve", "pending", MAP, null)))).isTrue();
        String rev = couch.database().get("_design/serve").orElseThrow().path("_rev").asText();

        assertThat(store.ensureDocument(JacksonBridge.object(designDoc("serve", "pending", MAP, null)))).isFalse();
        assertThat(couch.database().get("_design/serve").orElseThrow().path("_rev").asText()).isEqualTo(rev);
    }

    @Test
    void a_document_with_other_content_is_replaced(TestCouch couch) {
        CouchStore store = new CouchStore(couch.database());
        store.ensureDocument(JacksonBridge.object(designDoc("serve", "pending", MAP, null)));

        assertThat(store.ensureDocument(JacksonBridge.object(designDoc("serve", "pending", MAP, "_count")))).isTrue();

        assertThat(couch.database().get("_design/serve").orElseThrow().at("/views/pending/reduce").asText())
                .isEqualTo("_count");
    }

    @Test
    void servers_that_install_the_same_design_document_at_once_all_succeed_and_exactly_one_writes(TestCouch couch)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SERVERS);
        try {
            for (int round = 0; round < 5; round++) {
                ObjectNode wanted = designDoc("serve" + round, "pending", MAP, null);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> installs = new ArrayList<>();
                for (int server = 0; server < SERVERS; server++) {
                    CouchStore store = new CouchStore(couch.client().database(couch.database().name()));
                    installs.add(pool.submit(() -> {
                        start.await();
                        return store.ensureDocument(JacksonBridge.object(wanted));
                    }));
                }

                start.countDown();
                List<Boolean> wrote = new ArrayList<>();
                for (Future<Boolean> install : installs) {
                    wrote.add(install.get(30, TimeUnit.SECONDS));
                }

                assertThat(wrote).as("round %d", round).containsOnlyOnce(true);
                assertThat(couch.database().get(wanted.path("_id").asText()).orElseThrow().at("/views/pending/map")
                        .asText()).isEqualTo(MAP);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
