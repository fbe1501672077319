package dirt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.node.NodeName;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DownNodesTest {
    private static final NodeName NODE = new NodeName("build7");
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    private final DownNodes down = new DownNodes();

    @Test
    void failures_of_one_outage_do_not_lengthen_the_backoff() {
        Instant first = down.failed(NODE, "lost", T0);

        assertThat(down.failed(NODE, "refused", T0.plusMillis(100))).isEqualTo(first);
        assertThat(down.failed(NODE, "refused", T0.plusMillis(200))).isEqualTo(first);
        assertThat(first).isEqualTo(T0.plus(DownNodes.FIRST_BACKOFF));
    }

    @Test
    void a_failed_check_doubles_the_backoff_up_to_the_most() {
        Instant now = down.failed(NODE, "lost", T0);
        for (int i = 0; i < 10; i++) {
            assertThat(down.dueForCheck(now)).containsExactly(NODE);
            assertThat(down.isDown(NODE, now)).as("left out while it is checked").isTrue();
            now = down.failed(NODE, "refused", now);
        }

        assertThat(down.dueForCheck(now.minusSeconds(1))).isEmpty();
        assertThat(down.dueForCheck(now)).containsExactly(NODE);
        assertThat(down.failed(NODE, "refused", now)).isEqualTo(now.plus(DownNodes.MAX_BACKOFF));
    }

    @Test
    void a_node_that_answers_is_up_at_once() {
        down.failed(NODE, "lost", T0);

        assertThat(down.reached(NODE)).isTrue();
        assertThat(down.isDown(NODE, T0)).isFalse();
        assertThat(down.reached(NODE)).isFalse();
    }

    @Test
    void a_node_marked_by_an_earlier_server_is_checked_at_once() {
        down.suspect(NODE, "unreachable");

        assertThat(down.dueForCheck(T0)).containsExactly(NODE);
    }
}
