package dirt.store.couch;

import static dirt.store.couch.Docs.designDoc;
import static dirt.store.couch.Docs.doc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.store.ChangeToken;
import dirt.store.Feed;
import dirt.store.ViewEntry;
import dirt.store.ViewRange;
import dirt.store.Written;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the command line reads through {@link CouchStore}: every document, a view's rows by range, the feed's start. */
@ExtendWith(CouchServerExtension.class)
final class CouchStoreReadsTest {
    private static final String BY_KIND = "function (doc) { if (doc.kind) { emit(doc.kind, {size: doc.size}); } }";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CouchDatabase db;
    private CouchStore store;

    @BeforeEach
    void kinds(TestCouch couch) {
        db = couch.database();
        store = new CouchStore(db);
        db.put(designDoc("kinds", "by_kind", BY_KIND, null));
        db.bulkDocs(List.of(doc("b1").put("kind", "build").put("size", 1), doc("b2").put("kind", "build").put("size", 2),
                doc("l1").put("kind", "lint").put("size", 5), doc("t1").put("kind", "test").put("size", 4),
                doc("no-kind")));
    }

    @Test
    void all_documents_are_read_in_pages_in_id_order_design_documents_included() {
        List<String> ids = new ArrayList<>();

        store.allDocuments(2, document -> ids.add(document.id().orElseThrow()));

        assertThat(ids).containsExactly("_design/kinds", "b1", "b2", "l1", "no-kind", "t1");
    }

    @Test
    void view_entries_of_a_range_are_its_rows_without_documents_in_the_range_order() {
        List<ViewEntry> entries = store.viewEntries("kinds", "by_kind",
                new ViewRange(new JsonString("lint"), new JsonString("build"), true, ViewRange.UNLIMITED));

        assertThat(entries).extracting(ViewEntry::id).containsExactly("l1", "b2", "b1");
        assertThat(((JsonObject) entries.get(0).value()).number("size")).contains(JsonNumber.of(5));
    }

    @Test
    void view_entries_of_a_range_stop_at_its_limit() {
        List<ViewEntry> entries = store.viewEntries("kinds", "by_kind",
                new ViewRange(new JsonString("build"), new JsonString("test"), false, 3));

        assertThat(entries).extracting(ViewEntry::id).containsExactly("b1", "b2", "l1");
    }

    @Test
    void a_batch_write_that_conflicts_says_conflict_and_gives_the_servers_reason_apart() {
        List<Written> written = store.putAll(JacksonBridge.objects(List.of(doc("b1"), doc("n1"))));

        assertThat(written.get(0).conflict()).isTrue();
        assertThat(written.get(0).error()).contains("conflict");
        assertThat(written.get(0).problem()).contains("conflict");
        assertThat(written.get(1).ok()).isTrue();
        assertThat(written.get(1).error()).isEmpty();
    }

    @Test
    void following_from_the_beginning_sees_every_document() {
        Set<String> seen = ConcurrentHashMap.newKeySet();

        Feed feed = store.follow(ChangeToken.BEGINNING, change -> seen.add(change.id()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> seen.containsAll(List.of("_design/kinds", "b1", "b2", "l1", "no-kind", "t1")));
        } finally {
            feed.close();
        }
    }
}
