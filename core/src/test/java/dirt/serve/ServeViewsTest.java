package dirt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.Store;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The index of waiting tasks serve reads a page at a time when it starts. */
@ExtendWith(CouchServerExtension.class)
class ServeViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tasks_posted_together_each_have_a_key_of_their_own_so_paging_never_skips_over_them(TestCouch couch) {
        Store store = TestCouch.store(couch.newDatabase());
        store.ensureDocument(ServeViews.designDocument());
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tasks.add(task("t" + (100 + i)).put("created", 1_796_652_189L));
        }
        tasks.add(task("no-time"));
        store.putAll(JacksonBridge.objects(tasks));

        List<JsonNode> keys = new ArrayList<>();
        store.viewEntries(ServeViews.DESIGN, ServeViews.PENDING, 7,
                entry -> keys.add(JacksonBridge.tree(entry.key())));
        List<String> seen = new ArrayList<>();
        store.viewAsIndexed(ServeViews.DESIGN, ServeViews.PENDING, 7, doc -> seen.add(doc.id().orElseThrow()));

        assertThat(keys).hasSize(31).doesNotHaveDuplicates();
        assertThat(keys.get(0).toString()).isEqualTo("[0,\"no-time\"]");
        assertThat(seen).hasSize(31).doesNotHaveDuplicates().startsWith("no-time", "t100", "t101");
    }

    private static ObjectNode task(String id) {
        return JSON.createObjectNode().put("_id", id).put("type", "task").put("name", "unit").put("record_id", "r1");
    }
}
