package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeafTest {

    private static Leaf leaf(String rev, boolean deleted) {
        return new Leaf(rev, deleted, JacksonBridge.object(CouchJson.MAPPER.createObjectNode().put("_rev", rev)));
    }

    private static String winner(Leaf... leaves) {
        List<Leaf> sorted = new ArrayList<>(List.of(leaves));
        sorted.sort(Leaf.WINNER_FIRST);
        return sorted.get(0).rev();
    }

    @Test
    void a_live_leaf_wins_over_a_deleted_one_with_a_longer_history() {
        assertThat(winner(leaf("9-fff", true), leaf("2-aaa", false))).isEqualTo("2-aaa");
    }

    @Test
    void the_longer_history_wins_as_a_number_not_as_text() {
        assertThat(winner(leaf("9-fff", false), leaf("10-aaa", false))).isEqualTo("10-aaa");
    }

    @Test
    void between_equal_histories_the_greater_hash_wins() {
        assertThat(winner(leaf("2-abc", false), leaf("2-abd", false))).isEqualTo("2-abd");
    }
}
