package dirt.serve.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.serve.backlog.After.Ends;
import dirt.serve.backlog.After.Ready;
import dirt.serve.backlog.After.Sibling;
import dirt.serve.backlog.After.Status;
import dirt.serve.backlog.After.Waits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@code after}, judged from the tasks of a record, without a database. */
class AfterTest {
    private static Sibling task(String id, String name, Status status, String... after) {
        return new Sibling(id, name, status, List.of(after), "", "");
    }

    @Test
    void a_task_runs_once_every_task_it_names_passed_and_a_name_means_every_task_of_that_name() {
        List<Sibling> record = List.of(task("r1-build-a", "build", Status.PASSED),
                task("r1-build-b", "build", Status.RUNNING), task("r1-lint", "lint", Status.PASSED),
                task("r1-unit", "unit", Status.WAITING, "build", "lint"));

        assertThat(After.judge("r1-unit", List.of("build", "lint"), record))
                .isEqualTo(new Waits("waiting for build", List.of()));
        assertThat(After.judge("r1-unit", List.of("r1-build-a", "lint"), record)).isEqualTo(new Ready());
    }

    @Test
    void a_task_is_skipped_when_one_it_names_ended_without_passing() {
        List<Sibling> record = List.of(task("r1-build", "build", Status.FAILED),
                task("r1-unit", "unit", Status.SKIPPED, "build"), task("r1-lint", "lint", Status.CANCELLED),
                task("r1-package", "package", Status.WAITING, "unit"));

        assertThat(After.judge("r1-unit", List.of("build"), record))
                .isEqualTo(new Ends("not run: build (r1-build) failed", true));
        assertThat(After.judge("r1-package", List.of("unit"), record))
                .isEqualTo(new Ends("not run: unit (r1-unit) skipped", true));
        assertThat(After.judge("r1-x", List.of("r1-lint"), record))
                .isEqualTo(new Ends("not run: r1-lint cancelled", true));
    }

    @Test
    void every_task_of_a_cycle_fails_naming_the_cycle_and_a_task_after_the_cycle_only_waits() {
        List<Sibling> record = List.of(task("a", "a", Status.WAITING, "b"), task("b", "b", Status.WAITING, "c"),
                task("c", "c", Status.WAITING, "a"), task("d", "d", Status.WAITING, "a"));

        assertThat(After.judge("a", List.of("b"), record)).isInstanceOfSatisfying(Ends.class, ends -> {
            assertThat(ends.skipped()).isFalse();
            assertThat(ends.reason()).startsWith("cycle: a → b → c → a");
        });
        assertThat(After.judge("c", List.of("a"), record)).isInstanceOfSatisfying(Ends.class,
                ends -> assertThat(ends.reason()).startsWith("cycle: c → a → b → c"));
        assertThat(After.judge("d", List.of("a"), record)).isEqualTo(new Waits("waiting for a", List.of()));
    }

    @Test
    void a_task_that_names_its_own_id_in_after_fails_at_once_as_a_cycle() {
        List<Sibling> record = List.of(task("rK-aft3", "examples.simple", Status.WAITING, "rK-aft3"));

        assertThat(After.judge("rK-aft3", List.of("rK-aft3"), record)).isEqualTo(new Ends("cycle: rK-aft3 → rK-aft3"
                + " — the task waits for itself; post it again without its own _id in \"after\"", false));
    }

    @Test
    void a_task_that_names_its_own_id_is_a_cycle_even_among_other_entries_and_before_it_is_indexed() {
        List<Sibling> record = List.of(task("r1-build", "build", Status.PASSED));

        assertThat(After.judge("r1-unit", List.of("build", "r1-unit"), record)).isInstanceOfSatisfying(Ends.class,
                ends -> assertThat(ends.reason()).startsWith("cycle: r1-unit → r1-unit"));
    }

    @Test
    void an_entry_that_matches_no_task_of_the_record_is_named_as_missing() {
        List<Sibling> record = List.of(task("r1-build", "build", Status.RUNNING),
                task("r1-unit", "unit", Status.WAITING, "build", "lnit"));

        assertThat(After.judge("r1-unit", List.of("build", "lnit"), record)).isEqualTo(new Waits(
                "waiting for build, lnit (no task of the record matches lnit yet)", List.of("lnit")));
    }

    @Test
    void a_task_never_waits_for_itself_by_its_own_name() {
        List<Sibling> record = List.of(task("r1-test-1", "test", Status.WAITING, "test"),
                task("r1-test-2", "test", Status.PASSED));

        assertThat(After.judge("r1-test-1", List.of("test"), record)).isEqualTo(new Ready());
    }

    @Test
    void a_task_whose_id_is_its_name_names_the_other_tasks_of_that_name_not_itself() {
        List<Sibling> record = List.of(task("test", "test", Status.WAITING, "test"),
                task("r1-test-2", "test", Status.PASSED));

        assertThat(After.judge("test", List.of("test"), record)).isEqualTo(new Ready());
    }
}
