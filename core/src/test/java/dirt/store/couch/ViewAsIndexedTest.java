package dirt.store.couch;

import static dirt.store.couch.Docs.designDoc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.ChangeToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CouchStore#viewAsIndexed}: how serve reads the waiting tasks at start without waiting for an index to be
 * built, and why following the changes from the position it returns misses nothing.
 */
@ExtendWith(CouchServerExtension.class)
final class ViewAsIndexedTest {
    private static final String MAP = "function (doc) { if (doc.type === 'task' && !doc.done) {"
            + " emit(doc.created, null); } }";

    @Test
    void every_row_comes_page_by_page_in_key_order_with_its_current_document(TestCouch couch) {
        CouchStore store = new CouchStore(couch.database());
        store.ensureDocument(JacksonBridge.object(designDoc("waiting", "pending", MAP, null)));
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tasks.add(task("t" + (100 + i), i % 5));
        }
        store.putAll(JacksonBridge.objects(tasks));
        couch.database().view("waiting", "pending", ViewQuery.all().limit(0));

        List<String> seen = new ArrayList<>();
        store.viewAsIndexed("waiting", "pending", 4, doc -> seen.add(doc.id().orElseThrow()));

        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 5)).containsExactly("t100", "t105", "t110", "t115", "t120");
    }

    @Test
    void an_index_larger_than_the_small_first_page_is_read_whole_in_order(TestCouch couch) {
        CouchStore store = new CouchStore(couch.database());
        store.ensureDocument(JacksonBridge.object(designDoc("waiting", "pending", MAP, null)));
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            tasks.add(task(String.format("t%03d", i), i));
        }
        store.putAll(JacksonBridge.objects(tasks));
        couch.database().view("waiting", "pending", ViewQuery.all().limit(0));

        List<String> seen = new ArrayList<>();
        store.viewAsIndexed("waiting", "pending", 1000, doc -> seen.add(doc.id().orElseThrow()));

        assertThat(seen).hasSize(250).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void following_the_changes_from_where_the_index_stood_brings_what_the_rows_missed(TestCouch couch)
            throws Exception {
        CouchStore store = new CouchStore(couch.database());
        store.ensureDocument(JacksonBridge.object(designDoc("waiting", "pending", MAP, null)));
        store.putAll(JacksonBridge.objects(List.of(task("indexed", 1))));
        couch.database().view("waiting", "pending", ViewQuery.all().limit(0));
        List<ObjectNode> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(task("later-" + i, 2));
        }
        store.putAll(JacksonBridge.objects(later));

        Set<String> seen = ConcurrentHashMap.newKeySet();
        ChangeToken since = store.viewAsIndexed("waiting", "pending", 10, doc -> seen.add(doc.id().orElseThrow()));
        try (AutoCloseable feed = store.follow(since, change -> seen.add(change.id()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.containsAll(
                    List.of("indexed", "later-0", "later-1", "later-2")));
        }
    }

    private static ObjectNode task(String id, int created) {
        return JsonNodeFactory.instance.objectNode().put("_id", id).put("type", "task").put("created", created);
    }
}
