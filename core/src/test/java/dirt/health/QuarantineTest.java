package dirt.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuarantineTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final Quarantine quarantine = new Quarantine(3, Duration.ofMinutes(10));

    private static Quarantine.Outcome failed(String node, String name, String id, int minute) {
        return new Quarantine.Outcome(node, name, id, 1, false, T0.plusSeconds(60L * minute));
    }

    private static Quarantine.Outcome passed(String node, String name, String id, int minute) {
        return new Quarantine.Outcome(node, name, id, 2, true, T0.plusSeconds(60L * minute));
    }

    private java.util.List<Quarantine.Verdict> see(Quarantine.Outcome outcome) {
        return quarantine.seen(outcome, outcome.at());
    }

    @Test
    void three_failures_of_tasks_that_passed_on_another_node_quarantine_the_node_with_the_evidence() {
        see(failed("a", "build", "t1", 0));
        see(passed("b", "build", "t1", 1));
        see(failed("a", "build", "t2", 2));
        assertThat(see(failed("a", "unit", "t3", 3))).isEmpty();
        var verdicts = see(passed("c", "unit", "t3", 4));

        assertThat(verdicts).singleElement().satisfies(verdict -> {
            assertThat(verdict.node()).isEqualTo("a");
            assertThat(verdict.reason()).isEqualTo("failed 3 tries of build, unit within 10 min that passed on other"
                    + " nodes");
            assertThat(Quarantine.describe(Duration.ofSeconds(45))).isEqualTo("45 s");
            assertThat(verdict.evidence()).extracting(Quarantine.Evidence::taskId).containsExactly("t1", "t2", "t3");
            assertThat(verdict.evidence().get(2).passedOn()).containsExactly("c");
        });
    }

    @Test
    void a_task_that_fails_on_every_node_quarantines_none_of_them() {
        for (int i = 0; i < 6; i++) {
            assertThat(see(failed(i % 2 == 0 ? "a" : "b", "broken", "t" + i, i))).isEmpty();
        }
    }

    @Test
    void a_pass_of_the_same_task_name_on_the_node_clears_its_earlier_failures_of_it() {
        see(passed("b", "build", "p", 0));
        see(failed("a", "build", "t1", 1));
        see(failed("a", "build", "t2", 2));
        see(passed("a", "build", "ok", 3));

        assertThat(see(failed("a", "build", "t3", 4))).isEmpty();
    }

    @Test
    void passing_other_work_does_not_clear_a_node_that_fails_one_task_that_passes_elsewhere() {
        see(passed("b", "build", "p", 0));
        see(failed("a", "build", "t1", 1));
        see(failed("a", "build", "t2", 2));
        see(passed("a", "echo", "e", 3));

        assertThat(see(failed("a", "build", "t3", 4))).extracting(Quarantine.Verdict::node).containsExactly("a");
    }

    @Test
    void failures_spread_over_more_than_the_window_do_not_add_up() {
        see(passed("b", "build", "p1", 0));
        see(failed("a", "build", "t1", 0));
        see(failed("a", "build", "t2", 6));
        see(passed("b", "build", "p2", 12));

        assertThat(see(failed("a", "build", "t3", 13))).isEmpty();
    }

    @Test
    void the_same_try_seen_twice_counts_once_and_a_quarantined_node_is_not_judged_again() {
        see(passed("b", "build", "p", 0));
        see(failed("a", "build", "t1", 1));
        see(failed("a", "build", "t1", 1));
        see(failed("a", "build", "t2", 2));
        assertThat(see(failed("a", "build", "t2", 2))).isEmpty();
        assertThat(see(failed("a", "build", "t3", 3))).hasSize(1);

        assertThat(see(failed("a", "build", "t4", 4))).isEmpty();
    }

    @Test
    void a_release_forgets_the_failures_before_it() {
        see(passed("b", "build", "p", 0));
        see(failed("a", "build", "t1", 1));
        see(failed("a", "build", "t2", 2));
        see(failed("a", "build", "t3", 3));
        quarantine.nodeState("a", false, Optional.of(T0.plusSeconds(60 * 4)));

        assertThat(see(failed("a", "build", "t4", 5))).isEmpty();
        see(failed("a", "build", "t5", 6));
        assertThat(see(failed("a", "build", "t6", 7))).extracting(Quarantine.Verdict::node).containsExactly("a");
    }

    @Test
    void zero_failures_turns_quarantine_off() {
        Quarantine off = new Quarantine(0, Duration.ofMinutes(10));
        off.seen(passed("b", "build", "p", 0), T0);
        for (int i = 0; i < 5; i++) {
            assertThat(off.seen(failed("a", "build", "t" + i, i), T0.plusSeconds(60L * i))).isEmpty();
        }
    }
}
