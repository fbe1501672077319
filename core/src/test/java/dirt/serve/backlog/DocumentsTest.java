package dirt.serve.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JsonBoolean;
import dirt.store.Store;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import dirt.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Waiting tasks kept without their documents, and read again when the dispatcher acts on them. */
@ExtendWith(CouchServerExtension.class)
class DocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_new_task_keeps_its_document_and_one_whose_reason_to_wait_is_stored_does_not() {
        ObjectNode fresh = task("t1").put("_rev", "1-a");
        ObjectNode noted = task("t2").put("_rev", "2-b").put("waiting", "waiting: no node has gpu");

        assertThat(Pending.of(Task.fromJson(JacksonBridge.object(fresh)), JacksonBridge.object(fresh)).hasDocument()).isTrue();
        Pending kept = Pending.of(Task.fromJson(JacksonBridge.object(noted)), JacksonBridge.object(noted));
        assertThat(kept.hasDocument()).isFalse();
        assertThat(kept.said()).isEqualTo("waiting: no node has gpu");
    }

    @Test
    void documents_are_read_again_at_the_revision_seen_and_a_task_that_changed_or_went_comes_back_as_news(
            TestCouch couch) {
        Store store = TestCouch.store(couch.newDatabase());
        store.put(JacksonBridge.object(task("t1").put("waiting", "waiting: no node has gpu")));
        store.put(JacksonBridge.object(task("t2").put("waiting", "waiting: no node has gpu")));
        store.put(JacksonBridge.object(task("t3").put("waiting", "waiting: no node has gpu")));
        Pending first = seen(store, "t1");
        Pending second = seen(store, "t2");
        Pending third = seen(store, "t3");
        store.delete("t1", first.rev());
        store.put(store.get("t2").orElseThrow().with("cancel", JsonBoolean.TRUE));

        Documents.Reads reads = new Documents(store).withDocuments(List.of(first, second, third));

        assertThat(reads.ready()).singleElement().satisfies(task -> {
            assertThat(task.id()).isEqualTo("t3");
            assertThat(task.hasDocument()).isTrue();
            assertThat(task.json().rev().orElseThrow()).isEqualTo(third.rev());
            assertThat(task.task().name().value()).isEqualTo("unit");
        });
        assertThat(reads.changed()).singleElement()
                .satisfies(doc -> assertThat(doc.bool("cancel")).contains(true));
        assertThat(reads.gone()).containsExactly("t1");
    }

    private static Pending seen(Store store, String id) {
        ObjectNode doc = JacksonBridge.tree(store.get(id).orElseThrow());
        return Pending.of(Task.fromJson(JacksonBridge.object(doc)), JacksonBridge.object(doc));
    }

    private static ObjectNode task(String id) {
        return JSON.createObjectNode().put("_id", id).put("type", "task").put("name", "unit").put("record_id", "r1");
    }
}
