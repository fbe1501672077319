package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.JsonNull;
import dirt.json.JsonString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewPagingTest {

    @Test
    void the_next_page_starts_at_the_first_row_left_over() {
        ViewPage page = ViewPage.of(rows("a", "b", "c"), 2, null);

        assertThat(page.rows()).extracting(ViewRow::key).containsExactly(new JsonString("a"), new JsonString("b"));
        assertThat(page.next()).contains(new Bookmark(new JsonString("c"), 0));
    }

    @Test
    void rows_sharing_the_boundary_key_are_skipped_on_the_next_page() {
        ViewPage page = ViewPage.of(rows("a", "k", "k", "k"), 3, null);

        assertThat(page.next()).contains(new Bookmark(new JsonString("k"), 2));
    }

    @Test
    void a_page_entirely_on_the_start_key_adds_the_start_skip() {
        ViewPage page = ViewPage.of(rows("k", "k", "k"), 2, new Bookmark(new JsonString("k"), 5));

        assertThat(page.next()).contains(new Bookmark(new JsonString("k"), 7));
    }

    @Test
    void the_last_page_has_no_bookmark() {
        assertThat(ViewPage.of(rows("a", "b"), 2, null).next()).isEmpty();
    }

    @Test
    void from_a_bookmark_asks_for_its_start_key_and_skip_and_drops_a_start_doc_id() {
        ViewQuery query = ViewQuery.all().startKey("a").startKeyDocId("x").skip(9).limit(3)
                .from(new Bookmark(new JsonString("k"), 2));

        assertThat(query.parameters()).isEqualTo(Map.of("startkey", "\"k\"", "skip", "2", "limit", "3"));
        assertThat(query.start()).isEqualTo(new Bookmark(new JsonString("k"), 2));
    }

    @Test
    void keys_are_sent_as_json() {
        ViewQuery query = ViewQuery.all().key(List.of("r1", 2)).endKey(Map.of()).includeDocs(true);

        assertThat(query.parameters())
                .containsEntry("key", "[\"r1\",2]")
                .containsEntry("endkey", "{}")
                .containsEntry("include_docs", "true");
    }

    private static List<ViewRow> rows(String... keys) {
        return java.util.stream.IntStream.range(0, keys.length)
                .mapToObj(i -> new ViewRow("doc" + i, new JsonString(keys[i]), JsonNull.NULL, null, null))
                .toList();
    }

}
