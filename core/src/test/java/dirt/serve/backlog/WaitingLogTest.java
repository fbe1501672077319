package dirt.serve.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.serve.backlog.WaitingLog.Waits;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WaitingLogTest {
    private static final String NO_NODE = "no enabled node meets the requirements";

    @Test
    void a_few_tasks_get_a_line_each() {
        List<String> lines = WaitingLog.lines(List.of(new Waits("t1", "build", NO_NODE),
                new Waits("t2", "test", "waits for t1 (build) to pass")));

        assertThat(lines).containsExactly("t1 (build) waits: " + NO_NODE,
                "t2 (test) waits: waits for t1 (build) to pass");
    }

    @Test
    void many_tasks_with_one_reason_get_one_line_with_their_number_and_the_first_ids() {
        List<Waits> waiting = IntStream.range(0, 100_000)
                .mapToObj(i -> new Waits("t" + i, "examples.simple", NO_NODE)).toList();

        assertThat(WaitingLog.lines(waiting)).containsExactly("100000 tasks wait: " + NO_NODE
                + " — t0 (examples.simple), t1 (examples.simple), t2 (examples.simple) and 99997 more");
    }

    @Test
    void reasons_keep_the_order_they_first_came_up_in() {
        List<Waits> waiting = List.of(new Waits("a1", "a", "reason A"), new Waits("b1", "b", "reason B"),
                new Waits("a2", "a", "reason A"), new Waits("a3", "a", "reason A"), new Waits("a4", "a", "reason A"));

        assertThat(WaitingLog.lines(waiting)).containsExactly("4 tasks wait: reason A — a1 (a), a2 (a), a3 (a) and 1 more",
                "b1 (b) waits: reason B");
    }

    @Test
    void no_news_is_no_line() {
        assertThat(WaitingLog.lines(List.of())).isEmpty();
    }
}
