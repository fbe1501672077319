package dirt.cli;

import static dirt.cli.TaskDocs.completed;
import static dirt.cli.TaskDocs.record;
import static dirt.cli.TaskDocs.started;
import static dirt.cli.TaskDocs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.task.TaskStatus;
import dirt.task.TaskTally;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt wait}: blocks until a record's tasks are done, with an exit code a CI job can act on. */
@ExtendWith(CouchServerExtension.class)
class WaitCommandTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Cli cli;
    private CouchDatabase db;

    @BeforeEach
    void project_with_a_record_of_two_waiting_tasks(TestCouch couch) {
        var env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        String name = couch.newDatabaseName();
        assertThat(new Cli(dir, env).run("create", "demo", name).exitCode()).isZero();
        Cli.allowAnyCommand(dir.resolve("demo"));
        cli = new Cli(dir.resolve("demo"), env);
        db = couch.client().database(name);
        db.bulkDocs(List.of(record("r7", 1_700_000_000, "nightly"), task("a", "r7", "compile"),
                task("b", "r7", "unit_tests")));
    }

    private CompletableFuture<Cli.Run> waitInBackground(String... args) {
        return CompletableFuture.supplyAsync(() -> cli.run(args));
    }

    /** Acts as 'dirt serve' would: starts, then completes the task. */
    private void finish(String id, boolean success, String reason) {
        ObjectNode doc = db.get(id).orElseThrow();
        db.put(completed(started(doc, "build7", 1_700_000_001), 1_700_000_002, success, reason));
    }

    private void awaitBlocked(CompletableFuture<Cli.Run> run) {
        await().pollDelay(Duration.ofMillis(500)).atMost(BOUND).until(() -> true);
        assertThat(run).as("wait returned before the tasks were done").isNotDone();
    }

    @Test
    void wait_exits_0_once_every_task_of_the_record_passed() throws Exception {
        var run = waitInBackground("wait", "r7", "--timeout", "60");
        awaitBlocked(run);

        finish("a", true, null);
        finish("b", true, null);

        var result = run.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("r7: 0/2 done", "r7: 2/2 done, 0 failed", "r7: 2 passed, 0 failed");
    }

    @Test
    void wait_exits_1_and_names_each_failed_task_with_its_reason() throws Exception {
        var run = waitInBackground("wait", "r7");
        awaitBlocked(run);

        finish("a", true, null);
        finish("b", false, "3 tests failed");

        var result = run.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("task b (unit_tests) failed: 3 tests failed").doesNotContain("task a");
    }

    @Test
    void a_timeout_with_no_task_taken_up_asks_whether_serve_runs() {
        var result = cli.run("wait", "r7", "--timeout", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(result.err()).contains("gave up waiting after 1 s: 0/2 done", "is 'dirt serve' running?");
    }

    @Test
    void wait_exits_5_after_the_timeout_and_lists_the_tasks_not_done() {
        finish("a", true, null);
        db.put(db.get("b").orElseThrow().put("waiting", "no node has G4INSTALL"));

        var result = cli.run("wait", "r7", "--timeout", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(result.err()).contains("gave up waiting after 1 s: 1/2 done",
                "task b (unit_tests) waiting: no node has G4INSTALL")
                .as("serve noted why b waits, so it runs").doesNotContain("is 'dirt serve' running?");
    }

    @Test
    void wait_on_a_task_id_waits_for_that_task_only() {
        finish("a", true, null);

        var result = cli.run("wait", "a", "--timeout", "10");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("a: 1/1 done");
    }

    @Test
    void a_task_added_to_the_record_while_waiting_is_waited_for_too() throws Exception {
        var run = waitInBackground("wait", "r7");
        awaitBlocked(run);
        db.bulkDocs(List.of(task("c", "r7", "lint")));
        finish("a", true, null);
        finish("b", true, null);
        awaitBlocked(run);

        finish("c", true, null);

        var result = run.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("3/3 done");
    }

    @Test
    void an_unknown_id_exits_6_without_waiting() {
        var result = cli.run("wait", "r7", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).contains("no record or task with id \"nope\"");
    }

    @Test
    void post_wait_exits_5_when_its_tasks_are_not_done_in_time() {
        var result = cli.run("post", "--record", "r8", "--command", "true", "--wait", "--timeout", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(result.err()).contains("gave up waiting after 1 s");
    }

    @Test
    void plain_progress_prints_a_line_only_when_the_counts_change() {
        var out = new StringWriter();
        try (var progress = Progress.of("r7", null, new PrintWriter(out, true))) {
            progress.update(tally(TaskStatus.WAITING, TaskStatus.WAITING));
            progress.update(tally(TaskStatus.WAITING, TaskStatus.WAITING));
            progress.update(tally(TaskStatus.RUNNING, TaskStatus.FAILED));
        }

        assertThat(out.toString().lines()).containsExactly("r7: 0/2 done, 0 failed, 0 running",
                "r7: 1/2 done, 1 failed, 1 running");
    }

    @Test
    void on_a_terminal_progress_is_a_bar_of_the_tasks_done() {
        var terminal = new ByteArrayOutputStream();
        try (var progress = Progress.of("r7", new PrintStream(terminal, true, StandardCharsets.UTF_8), null)) {
            progress.update(tally(TaskStatus.PASSED, TaskStatus.FAILED, TaskStatus.RUNNING, TaskStatus.WAITING));
        }

        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("r7", "50%", "2/4", "1 failed, 1 running");
    }

    @Test
    void a_wait_where_nothing_moves_says_once_why_each_task_left_waits() throws Exception {
        ObjectNode b = db.get("b").orElseThrow();
        db.put(b.put("waiting", "no enabled node meets the requirements — build7: \"os_name is Plan9\""));
        var out = new StringWriter();
        var ids = List.of("a", "b");
        var store = TestCouch.store(db);
        var wait = new TaskWait(store);
        var lookup = new TaskLookup(store);
        try (var progress = Progress.of("r7", null, new PrintWriter(out, true))) {
            var outcome = wait.await(() -> ids.stream().flatMap(id -> lookup.document(id).stream()).toList(),
                    progress, Duration.ofSeconds(3), Duration.ofMillis(500));
            assertThat(outcome).isEqualTo(TaskWait.Outcome.TIMED_OUT);
        }

        assertThat(out.toString().lines()).containsExactly("r7: 0/2 done, 0 failed, 0 running",
                "  still waiting: a (compile): not taken up yet — is 'dirt serve' running?",
                "  still waiting: b (unit_tests): no enabled node meets the requirements — build7: \"os_name is Plan9\"");
    }

    private static TaskTally tally(TaskStatus... statuses) {
        var counts = new java.util.EnumMap<TaskStatus, Integer>(TaskStatus.class);
        for (TaskStatus status : statuses) {
            counts.merge(status, 1, Integer::sum);
        }
        return new TaskTally(counts, java.util.Optional.empty());
    }
}
