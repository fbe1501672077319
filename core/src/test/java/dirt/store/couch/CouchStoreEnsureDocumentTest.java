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
    @Test
    void several_documents_are_installed_at_once_and_only_those_that_differ_are_written(TestCouch couch) {
        CouchStore store = new CouchStore(couch.database());
        store.ensureDocument(JacksonBridge.object(designDoc("same", "pending", MAP, null)));
        store.ensureDocument(JacksonBridge.object(designDoc("changed", "pending", MAP, null)));
        String sameRev = couch.database().get("_design/same").orElseThrow().path("_rev").asText();

        List<String> wrote = store.ensureDocuments(JacksonBridge.objects(List.of(
                designDoc("same", "pending", MAP, null), designDoc("changed", "pending", MAP, "_count"),
                designDoc("new", "pending", MAP, null))));

        assertThat(wrote).containsExactly("_design/changed", "_design/new");
        assertThat(couch.database().get("_design/same").orElseThrow().path("_rev").asText()).isEqualTo(sameRev);
        assertThat(couch.database().get("_design/changed").orElseThrow().at("/views/pending/reduce").asText())
                .isEqualTo("_count");
        assertThat(couch.database().get("_design/new")).isPresent();
        assertThat(store.ensureDocuments(JacksonBridge.objects(List.of(designDoc("same", "pending", MAP, null),
                designDoc("new", "pending", MAP, null))))).isEmpty();
    }

    @Test
    void servers_that_install_the_same_documents_at_once_all_succeed_and_each_is_written_once(TestCouch couch)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SERVERS);
        try {
            List<ObjectNode> wanted = List.of(designDoc("a", "pending", MAP, null), designDoc("b", "pending", MAP,
                    null), designDoc("c", "pending", MAP, null));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> installs = new ArrayList<>();
            for (int server = 0; server < SERVERS; server++) {
                CouchStore store = new CouchStore(couch.database());
                installs.add(pool.submit(() -> {
                    start.await();
                    return store.ensureDocuments(JacksonBridge.objects(wanted));
                }));
            }

            start.countDown();
            List<String> wrote = new ArrayList<>();
            for (Future<List<String>> install : installs) {
                wrote.addAll(install.get(30, TimeUnit.SECONDS));
            }

            assertThat(wrote).containsExactlyInAnyOrder("_design/a", "_design/b", "_design/c");
            for (String id : List.of("_design/a", "_design/b", "_design/c")) {
                assertThat(couch.database().get(id).orElseThrow().path("_rev").asText()).startsWith("1-");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
