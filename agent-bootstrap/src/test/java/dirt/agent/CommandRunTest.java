package dirt.agent;

import static dirt.agent.Runner.attachment;
import static dirt.agent.Runner.data;
import static dirt.agent.Runner.names;
import static dirt.agent.Runner.result;
import static dirt.agent.Runner.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} of command tasks: real {@code /bin/sh} processes, their output, their files and their ends. */
class CommandRunTest {
    @TempDir
    Path dir;

    private Runner agent;

    private Runner agent(Limits limits) {
        agent = new Runner(dir.resolve("cache"), limits);
        return agent;
    }

    private Runner agent() {
        return agent == null ? agent(Limits.STANDARD) : agent;
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
    }

    private Map<String, Object> run(String command, Object... fields) {
        return agent().call(agent().command("t1", command, fields));
    }

    @Test
    void command_that_succeeds_returns_its_stdout_and_stderr_as_attachments() {
        Map<String, Object> response = run("echo hello; echo oops >&2");

        assertThat(response).containsEntry("ok", true).containsKeys("started", "completed");
        assertThat(result(response)).containsExactly(Map.entry("success", true), Map.entry("exit_code", 0L));
        assertThat(names(response)).containsExactly("stdout.txt", "stderr.txt");
        assertThat(text(response, "stdout.txt")).isEqualTo("hello\n");
        assertThat(text(response, "stderr.txt")).isEqualTo("oops\n");
        assertThat(attachment(response, "stdout.txt")).containsEntry("link_name", "stdout")
                .containsEntry("content_type", "text/plain");
        assertThat(attachment(response, "stderr.txt")).containsEntry("link_name", "stderr");
    }

    @Test
    void a_check_that_passes_means_the_work_is_done_and_the_command_does_not_run() throws Exception {
        Path marker = Files.writeString(dir.resolve("app.jar"), "built");
        Path ran = dir.resolve("ran");

        Map<String, Object> response = run("touch " + ran, "check", "echo looking; test -f " + marker);

        assertThat(result(response)).containsEntry("success", true).containsEntry("already_done", true);
        assertThat(ran).doesNotExist();
        assertThat(text(response, "check.txt")).isEqualTo("looking\n");
        assertThat(names(response)).doesNotContain("stdout.txt", "recheck.txt");
    }

    @Test
    void after_the_command_the_recheck_alone_decides_whether_the_task_passed() throws Exception {
        Path marker = dir.resolve("out.jar");

        Map<String, Object> missed = run("echo building", "check", "test -f " + marker + " || { echo missing >&2; exit 1; }");
        Map<String, Object> rescued = run("touch " + marker + "; exit 3", "check", "test -f " + marker);

        assertThat(result(missed)).containsEntry("success", false).containsEntry("exit_code", 0L)
                .containsEntry("reason", "recheck failed (exit 1) after the command exited 0");
        assertThat(text(missed, "check.txt")).isEqualTo("missing\n");
        assertThat(text(missed, "recheck.txt")).isEqualTo("missing\n");
        assertThat(text(missed, "stdout.txt")).isEqualTo("building\n");
        assertThat(result(rescued)).containsEntry("success", true).containsEntry("exit_code", 3L)
                .containsEntry("recheck_exit_code", 0L);
    }

    @Test
    void files_left_in_the_folder_come_back_under_their_relative_names() {
        Map<String, Object> response = run("ls > files.txt; mkdir -p reports/deep && echo '<x/>' > reports/junit.xml"
                + " && echo '{}' > reports/deep/a.json");

        assertThat(names(response)).containsExactly("stdout.txt", "stderr.txt", "files.txt", "reports/junit.xml",
                "reports/deep/a.json");
        assertThat(attachment(response, "reports/junit.xml")).containsEntry("content_type", "application/xml")
                .containsEntry("link_name", null);
        assertThat(attachment(response, "reports/deep/a.json")).containsEntry("content_type", "application/json");
        assertThat(text(response, "reports/junit.xml")).isEqualTo("<x/>\n");
        assertThat(text(response, "files.txt")).isEqualTo("files.txt\n");
    }

    @Test
    void a_link_out_of_the_run_folder_is_skipped_not_followed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not for the database");

        Map<String, Object> response = run("ln -s " + secret + " x.txt; echo inside > a.txt; ln -s a.txt b.txt");

        assertThat(names(response)).containsExactly("stdout.txt", "stderr.txt", "a.txt", "b.txt");
        assertThat(text(response, "b.txt")).isEqualTo("inside\n");
        assertThat(result(response)).containsEntry("skipped_files", List.of("x.txt"));
    }

    @Test
    void command_exiting_non_zero_fails_with_its_exit_code() {
        Map<String, Object> response = run("echo building; exit 2");

        assertThat(result(response)).containsExactly(Map.entry("success", false),
                Map.entry("reason", "command exited with code 2"), Map.entry("exit_code", 2L));
        assertThat(text(response, "stdout.txt")).isEqualTo("building\n");
    }

    @Test
    void command_killed_by_a_signal_fails_naming_the_signal() {
        Map<String, Object> result = result(run("kill -9 $$"));

        assertThat(result).containsExactly(Map.entry("success", false), Map.entry("reason",
                "command killed by signal 9"), Map.entry("signal", 9L), Map.entry("exit_code", 137L));
    }

    @Test
    void output_bytes_that_are_not_utf8_survive() {
        Map<String, Object> response = run("printf '\\377\\376abc\\200\\n'; printf '\\351' > latin1.txt");

        assertThat(data(response, "stdout.txt")).containsExactly(0xff, 0xfe, 'a', 'b', 'c', 0x80, '\n');
        assertThat(data(response, "latin1.txt")).containsExactly(0xe9);
    }

    @Test
    void kwargs_too_large_for_the_environment_reach_the_command_through_their_file() {
        String big = "x".repeat(200_000);

        Map<String, Object> response = run("echo \"${DIRT_KWARGS:-unset}\"; wc -c < \"$DIRT_KWARGS_FILE\"",
                "kwargs", Map.of("big", big));

        assertThat(result(response)).containsEntry("success", true);
        assertThat(text(response, "stdout.txt")).isEqualTo("unset\n" + ("{\"big\":\"" + big + "\"}").length()
                + "\n");
    }

    @Test
    void command_sees_its_ids_and_kwargs_in_the_environment_runs_in_its_folder_and_has_no_stdin() {
        Map<String, Object> response = run("echo \"$DIRT_TASK_ID $DIRT_RECORD_ID $DIRT_TASK_NAME $DIRT_KWARGS\";"
                + " pwd; cat; echo end", "kwargs", Map.of("rev", 7));

        List<String> lines = text(response, "stdout.txt").lines().toList();
        assertThat(lines.get(0)).isEqualTo("t1 r1 shell {\"rev\":7}");
        assertThat(lines.get(1)).startsWith(dir.resolve("cache/work").toString() + "/t1-").endsWith("/task");
        assertThat(lines.get(2)).isEqualTo("end");
    }

    @Test
    void huge_output_keeps_its_head_and_tail_around_a_marker_and_the_result_says_so() {
        agent(new Limits(2000, 100_000, 10));

        Map<String, Object> response = run("seq 1 3000");

        String stdout = text(response, "stdout.txt");
        assertThat(stdout).startsWith("1\n2\n3\n").endsWith("2999\n3000\n")
                .contains("\n[dirt: truncated: 13893 bytes in all, the first 936 and the last 936 kept]\n");
        assertThat(data(response, "stdout.txt").length).isLessThanOrEqualTo(2000);
        assertThat(result(response)).containsEntry("success", true).containsEntry("truncated", List.of("stdout.txt"));
    }

    @Test
    void large_file_left_behind_is_cut_the_same_way() {
        agent(new Limits(2000, 100_000, 10));

        Map<String, Object> response = run("seq 1 3000 > numbers.txt");

        assertThat(text(response, "numbers.txt")).startsWith("1\n2\n").endsWith("3000\n")
                .contains("[dirt: truncated: 13893 bytes in all, the first 936 and the last 936 kept]");
        assertThat(result(response)).containsEntry("truncated", List.of("numbers.txt"));
    }

    @Test
    void files_beyond_the_count_limit_are_listed_as_skipped() {
        agent(new Limits(2000, 100_000, 5));

        Map<String, Object> response = run("for i in 1 2 3 4 5 6; do echo $i > f$i.txt; done");

        assertThat(names(response)).containsExactly("stdout.txt", "stderr.txt", "f1.txt", "f2.txt", "f3.txt");
        assertThat(result(response)).containsEntry("skipped_files", List.of("f4.txt", "f5.txt", "f6.txt"))
                .containsEntry("skipped_count", 3L);
    }

    @Test
    void hundreds_of_files_are_counted_but_only_the_first_ones_are_named() {
        agent(new Limits(2000, 100_000, 5));

        Map<String, Object> response = run("mkdir d; cd d; seq -w 1 500 | xargs touch");

        assertThat(names(response)).containsExactly("stdout.txt", "stderr.txt", "d/001", "d/002", "d/003");
        assertThat(result(response)).containsEntry("skipped_files", List.of("d/004", "d/005", "d/006", "d/007",
                "d/008")).containsEntry("skipped_count", 497L);
    }

    @Test
    void files_beyond_the_total_limit_are_cut_to_what_is_left_then_skipped() {
        agent(new Limits(2000, 3000, 10));

        Map<String, Object> response = run("seq 1 450 > a.txt; seq 1 450 > b.txt; echo c > c.txt");

        assertThat(names(response)).containsExactly("stdout.txt", "stderr.txt", "a.txt", "b.txt");
        assertThat(data(response, "a.txt")).hasSize(1692);
        assertThat(data(response, "b.txt").length).isLessThanOrEqualTo(3000 - 1692);
        assertThat(result(response)).containsEntry("truncated", List.of("b.txt"))
                .containsEntry("skipped_files", List.of("c.txt"));
    }

    @Test
    void timeout_kills_the_whole_process_tree_and_fails_as_timed_out() {
        Map<String, Object> response = run("sleep 1000 & echo $! > pids; sleep 1000 & echo $! >> pids; echo $$ >> pids;"
                + " wait", "timeout_seconds", 0.5);

        assertThat(result(response)).containsEntry("success", false).containsEntry("reason", "timed out after 0.5 s")
                .containsEntry("timed_out", true);
        List<Long> pids = text(response, "pids").lines().map(Long::parseLong).toList();
        assertThat(pids).hasSize(3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pids).noneMatch(CommandRunTest::alive));
    }

    @Test
    void background_process_left_running_is_ended_when_the_command_exits() {
        Map<String, Object> response = run("sleep 1000 > /dev/null 2>&1 & echo $! > pid");

        assertThat(result(response)).containsEntry("success", true);
        long pid = Long.parseLong(text(response, "pid").strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(pid));
    }

    @Test
    void background_process_holding_stdout_does_not_hold_up_the_run() {
        Map<String, Object> response = run("sleep 1000 & echo started");

        assertThat(result(response)).containsEntry("success", true);
        assertThat(text(response, "stdout.txt")).isEqualTo("started\n");
        assertThat((Double) response.get("completed") - (Double) response.get("started")).isLessThan(5.0);
    }

    @Test
    void two_runs_at_once_both_complete() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String wait = "i=0; while [ ! -e %s ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; test -e %s";
        agent().send(agent().command("ta", "touch " + a + "; " + String.format(wait, b, b)));
        agent().send(agent().command("tb", "touch " + b + "; " + String.format(wait, a, a)));

        List<Map<String, Object>> responses = List.of(agent().next(), agent().next());

        assertThat(responses).allSatisfy(response -> assertThat(result(response)).containsEntry("success", true));
    }

    @Test
    void work_folders_are_removed_after_runs_that_succeed_fail_or_time_out() throws Exception {
        run("mkdir sub && echo x > sub/file && chmod 000 sub");
        run("exit 3");
        run("sleep 1000", "timeout_seconds", 0.2);

        try (Stream<Path> left = Files.list(dir.resolve("cache/work"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void cancel_stops_a_running_command_whose_run_answers_cancelled() {
        Path started = dir.resolve("started");
        agent().send(agent().command("t9", "touch " + started + "; echo before; sleep 1000"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(started));

        Map<String, Object> cancel = agent().call(agent().request("cancel", "task_id", "t9"));
        Map<String, Object> run = agent().next();

        assertThat(cancel).containsEntry("ok", true).containsEntry("cancelled", true);
        assertThat(result(run)).containsEntry("success", false).containsEntry("reason", "cancelled")
                .containsEntry("cancelled", true);
        assertThat(text(run, "stdout.txt")).isEqualTo("before\n");
    }

    @Test
    void cancel_of_a_task_that_does_not_run_answers_false() {
        assertThat(agent().call(agent().request("cancel", "task_id", "nope"))).containsEntry("cancelled", false);
    }

    @Test
    void a_cancel_that_overtakes_its_run_request_still_stops_the_run() {
        Path ran = dir.resolve("ran");
        agent().call(agent().request("cancel", "task_id", "t10"));

        Map<String, Object> run = agent().call(agent().command("t10", "sleep 1; touch " + ran));

        assertThat(result(run)).containsEntry("cancelled", true);
        assertThat(ran).doesNotExist();
    }

    @Test
    void end_of_input_ends_the_commands_still_running() throws Exception {
        Path pidFile = dir.resolve("pid");
        agent().send(agent().command("t10", "sleep 1000 & echo $! > " + pidFile + "; wait"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        agent().driver().closeInput();

        assertThat(agent().driver().exitCode()).isZero();
        assertThat(alive(pid)).isFalse();
    }

    @Test
    void run_with_both_jar_and_command_is_an_error_response() {
        Map<String, Object> response = run("true", "jar", "tasks.jar");

        assertThat(response).containsEntry("ok", false).containsEntry("error", "op \"run\" task_id=\"t1\" needs either"
                + " \"jar\" (the task jar of a Java task) or \"command\" (a shell command), not both");
    }

    @Test
    void run_without_task_id_or_with_a_bad_timeout_is_an_error_response() {
        Map<String, Object> noId = agent().request("run", "record_id", "r1", "name", "x", "command", "true");
        List<Object> errors = new ArrayList<>();

        errors.add(agent().call(noId).get("error"));
        errors.add(run("true", "timeout_seconds", -1).get("error"));
        errors.add(run("true", "kwargs", List.of(1)).get("error"));

        assertThat(errors).containsExactly("op \"run\" needs the string field \"task_id\", got null",
                "op \"run\" task_id=\"t1\": \"timeout_seconds\" must be positive and at most a year, got -1.0",
                "op \"run\": field \"kwargs\" must be an object, got [1]");
    }

    /** Whether {@code pid} runs; a zombie (ended, not yet collected by init) does not count. */
    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(process -> !ProcessTree.ended(process)).orElse(false);
    }
}
