package dirt.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.config.RetentionSettings;
import dirt.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The retention rule in set time: records 90 days, the last 2 runs of a name, failed 180 days, files 30 days. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Retention RULE = new Retention(new RetentionSettings(Duration.ofDays(90), 2,
            Duration.ofDays(180), Duration.ofDays(30), true));

    /** A record {@code daysAgo} old with tasks of that age. */
    private static final class RecordBuilder {
        private final String id;
        private final int daysAgo;
        private final List<RunSummary> tasks = new ArrayList<>();
        private boolean document = true;

        private RecordBuilder(String id, int daysAgo) {
            this.id = id;
            this.daysAgo = daysAgo;
        }

        RecordBuilder task(String name, TaskStatus status) {
            return task(name, status, daysAgo, 2, false);
        }

        RecordBuilder task(String name, TaskStatus status, int endedDaysAgo, int files, boolean nodeRun) {
            Instant created = ago(daysAgo);
            Optional<Instant> completed = status.isCompleted() ? Optional.of(ago(endedDaysAgo)) : Optional.empty();
            String taskId = id + "-" + name + (nodeRun ? "@node" : "") + "-" + tasks.size();
            tasks.add(new RunSummary(taskId, "1-a", name, nodeRun, status, Optional.of(created), completed, files,
                    files * 1000L, false, 300));
            return this;
        }

        RecordBuilder withoutDocument() {
            document = false;
            return this;
        }

        RecordSummary build() {
            return new RecordSummary(id, document ? Optional.of("1-r") : Optional.empty(),
                    document ? Optional.of(ago(daysAgo)) : Optional.empty(), 100, tasks);
        }
    }

    private static RecordBuilder record(String id, int daysAgo) {
        return new RecordBuilder(id, daysAgo);
    }

    private static Instant ago(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static Plan decide(RecordBuilder... records) {
        return decide(Set.of(), records);
    }

    private static Plan decide(Set<String> scheduleLast, RecordBuilder... records) {
        return RULE.decide(List.of(records).stream().map(RecordBuilder::build).toList(), scheduleLast, NOW);
    }

    private static List<String> deleted(Plan plan) {
        return plan.delete().stream().map(RecordSummary::id).toList();
    }

    /** Two newer runs of "build", so that the keep-last rule does not hold the records under test. */
    private static RecordBuilder[] withNewerRuns(RecordBuilder... records) {
        List<RecordBuilder> all = new ArrayList<>(List.of(records));
        all.add(record("new1", 1).task("build", TaskStatus.PASSED));
        all.add(record("new2", 2).task("build", TaskStatus.PASSED));
        return all.toArray(RecordBuilder[]::new);
    }

    @Test
    void a_passed_record_older_than_keep_records_goes_with_all_its_tasks() {
        Plan plan = decide(withNewerRuns(record("old", 91).task("build", TaskStatus.PASSED)
                .task("build", TaskStatus.PASSED, 91, 0, true)));

        assertThat(deleted(plan)).containsExactly("old");
        assertThat(plan.records()).isEqualTo(1);
        assertThat(plan.tasks()).isEqualTo(2);
        assertThat(plan.files()).isEqualTo(2);
        assertThat(plan.fileBytes()).isEqualTo(2000);
        assertThat(plan.documentBytes()).isEqualTo(100 + 300 + 300);
    }

    @Test
    void a_record_younger_than_keep_records_stays() {
        Plan plan = decide(withNewerRuns(record("young", 89).task("build", TaskStatus.PASSED, 89, 0, false)));

        assertThat(deleted(plan)).isEmpty();
        assertThat(plan.kept(Kept.RECENT)).isEqualTo(1);
        assertThat(plan.kept(Kept.LAST_RUNS)).isEqualTo(2);
    }

    @Test
    void age_counts_from_the_last_task_that_ended_not_from_when_the_record_was_made() {
        Plan plan = decide(withNewerRuns(record("rerun", 200).task("build", TaskStatus.PASSED, 10, 0, false)));

        assertThat(deleted(plan)).isEmpty();
    }

    @Test
    void a_record_with_a_failed_task_stays_until_keep_failed() {
        Plan plan = decide(withNewerRuns(record("failed-young", 179).task("build", TaskStatus.FAILED),
                record("failed-old", 181).task("build", TaskStatus.FAILED),
                record("passed", 179).task("build", TaskStatus.PASSED)));

        assertThat(deleted(plan)).containsExactlyInAnyOrder("failed-old", "passed");
        assertThat(plan.kept(Kept.FAILED)).isEqualTo(1);
    }

    @Test
    void a_cancelled_task_does_not_make_a_record_failed() {
        Plan plan = decide(withNewerRuns(record("cancelled", 100).task("build", TaskStatus.CANCELLED)));

        assertThat(deleted(plan)).containsExactly("cancelled");
    }

    @Test
    void the_last_runs_of_each_task_name_keep_their_records_however_old() {
        Plan plan = decide(record("a", 400).task("deploy", TaskStatus.PASSED),
                record("b", 300).task("deploy", TaskStatus.FAILED),
                record("c", 200).task("deploy", TaskStatus.PASSED));

        assertThat(deleted(plan)).containsExactly("a");
        assertThat(plan.kept(Kept.LAST_RUNS)).isEqualTo(2);
    }

    @Test
    void cancelled_runs_and_broadcast_node_runs_do_not_count_as_last_runs() {
        Plan plan = decide(record("a", 400).task("deploy", TaskStatus.PASSED),
                record("b", 300).task("deploy", TaskStatus.PASSED),
                record("c", 200).task("deploy", TaskStatus.CANCELLED).task("deploy", TaskStatus.PASSED, 200, 0, true));

        assertThat(deleted(plan)).containsExactly("c");
    }

    @Test
    void a_record_with_a_waiting_or_running_task_is_left_whole_however_old() {
        Plan plan = decide(withNewerRuns(record("waiting", 400).task("build", TaskStatus.PASSED, 400, 3, false)
                        .task("package", TaskStatus.WAITING),
                record("running", 400).task("build", TaskStatus.RUNNING)));

        assertThat(deleted(plan)).isEmpty();
        assertThat(plan.dropFiles()).isEmpty();
        assertThat(plan.kept(Kept.UNFINISHED)).isEqualTo(2);
    }

    @Test
    void the_last_run_of_a_schedule_is_left_whole_however_old() {
        Plan plan = decide(Set.of("nightly-20250101T020000Z"), withNewerRuns(
                record("nightly-20250101T020000Z", 400).task("build", TaskStatus.PASSED, 400, 3, false),
                record("nightly-20241231T020000Z", 401).task("build", TaskStatus.PASSED)));

        assertThat(deleted(plan)).containsExactly("nightly-20241231T020000Z");
        assertThat(plan.dropFiles()).isEmpty();
        assertThat(plan.kept(Kept.SCHEDULE_LAST)).isEqualTo(1);
    }

    @Test
    void tasks_posted_without_a_record_document_go_by_their_own_times() {
        Plan plan = decide(withNewerRuns(record("bare", 100).withoutDocument().task("build", TaskStatus.PASSED)));

        assertThat(deleted(plan)).containsExactly("bare");
        assertThat(plan.records()).isZero();
        assertThat(plan.tasks()).isEqualTo(1);
    }

    @Test
    void a_record_without_any_time_stays() {
        RecordSummary undated = new RecordSummary("undated", Optional.of("1-r"), Optional.empty(), 100, List.of());

        Plan plan = RULE.decide(List.of(undated), Set.of(), NOW);

        assertThat(plan.delete()).isEmpty();
        assertThat(plan.kept(Kept.UNDATED)).isEqualTo(1);
    }

    @Test
    void an_old_record_without_tasks_goes() {
        Plan plan = decide(record("empty", 91));

        assertThat(deleted(plan)).containsExactly("empty");
    }

    @Test
    void passed_runs_lose_their_files_after_keep_passed_files_and_keep_their_record() {
        Plan plan = decide(withNewerRuns(record("r", 40).task("build", TaskStatus.PASSED, 31, 2, false)
                .task("lint", TaskStatus.PASSED, 29, 2, false)
                .task("unit", TaskStatus.FAILED, 31, 2, false)));

        assertThat(deleted(plan)).isEmpty();
        assertThat(plan.dropFiles()).extracting(RunSummary::name).containsExactly("build");
        assertThat(plan.droppedFiles()).isEqualTo(2);
        assertThat(plan.droppedFileBytes()).isEqualTo(2000);
    }

    @Test
    void the_last_runs_of_a_name_keep_their_files() {
        Plan plan = decide(record("a", 60).task("build", TaskStatus.PASSED),
                record("b", 50).task("build", TaskStatus.PASSED),
                record("c", 40).task("build", TaskStatus.PASSED));

        assertThat(plan.dropFiles()).extracting(RunSummary::id).containsExactly("a-build-0");
    }

    @Test
    void files_already_pruned_or_absent_are_not_pruned_again() {
        RunSummary pruned = new RunSummary("p", "2-a", "build", false, TaskStatus.PASSED, Optional.of(ago(60)),
                Optional.of(ago(60)), 2, 100, true, 300);
        RunSummary none = new RunSummary("n", "1-a", "build", false, TaskStatus.PASSED, Optional.of(ago(60)),
                Optional.of(ago(60)), 0, 0, false, 300);
        List<RecordSummary> records = new ArrayList<>(List.of(new RecordSummary("r", Optional.of("1-r"),
                Optional.of(ago(60)), 100, List.of(pruned, none))));
        records.add(record("new1", 1).task("build", TaskStatus.PASSED).build());
        records.add(record("new2", 2).task("build", TaskStatus.PASSED).build());

        assertThat(RULE.decide(records, Set.of(), NOW).dropFiles()).isEmpty();
    }
}
