package dirt.agent;

import static dirt.agent.Runner.attachment;
import static dirt.agent.Runner.names;
import static dirt.agent.Runner.result;
import static dirt.agent.Runner.text;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java tasks in worker JVMs: what a timeout, a cancel, {@code System.exit} and printing do, and that no process
 * of a run is left behind (found by the run's environment in {@code /proc}).
 */
class JavaProcessTest {
    private static final String JAR = "tasks-test.jar";
    private static final Duration GONE = Duration.ofSeconds(10);

    @TempDir
    static Path build;

    private static byte[] tasksJar;

    @TempDir
    Path dir;

    private Runner agent;

    @BeforeAll
    static void compileTasks() throws IOException {
        tasksJar = Files.readAllBytes(new TestJars(build).source("examples/Sleeper.java", """
                package examples;
                import dirt.api.*;
                import java.nio.file.*;
                /** Starts 'sleep 1000' if asked, reports its run id and pids in the file "report", then sleeps. */
                public final class Sleeper implements Task {
                    public Result run(TaskContext context) throws Exception {
                        Process child = context.getBoolean("child", false)
                                ? new ProcessBuilder("sleep", "1000").start() : null;
                        String report = System.getenv("DIRT_RUN_ID") + " " + ProcessHandle.current().pid()
                                + (child == null ? "" : " " + child.pid());
                        Path temp = Files.writeString(context.workDir().resolve("report.tmp"), report);
                        Files.move(temp, Path.of(context.getString("report")), StandardCopyOption.ATOMIC_MOVE);
                        context.log("started");
                        Thread.sleep(context.getLong("millis"));
                        return Result.success();
                    }
                }
                """).source("examples/Stubborn.java", """
                package examples;
                import dirt.api.*;
                import java.nio.file.*;
                /** Ignores interrupts and SIGTERM: its shutdown hook never ends. */
                public final class Stubborn implements Task {
                    public Result run(TaskContext context) throws Exception {
                        Runtime.getRuntime().addShutdownHook(new Thread(Stubborn::forever));
                        String report = System.getenv("DIRT_RUN_ID") + " " + ProcessHandle.current().pid();
                        Path temp = Files.writeString(context.workDir().resolve("report.tmp"), report);
                        Files.move(temp, Path.of(context.getString("report")), StandardCopyOption.ATOMIC_MOVE);
                        forever();
                        return Result.success();
                    }
                    private static void forever() {
                        while (true) {
                            try { Thread.sleep(1_000_000); } catch (InterruptedException e) { }
                        }
                    }
                }
                """).source("examples/Quit.java", """
                package examples;
                import dirt.api.*;
                public final class Quit implements Task {
                    public Result run(TaskContext context) {
                        System.exit(3);
                        return Result.success();
                    }
                }
                """).source("examples/Halt.java", """
                package examples;
                import dirt.api.*;
                public final class Halt implements Task {
                    public Result run(TaskContext context) {
                        System.err.println("going down");
                        Runtime.getRuntime().halt(5);
                        return Result.success();
                    }
                }
                """).source("examples/Chatty.java", """
                package examples;
                import dirt.api.*;
                public final class Chatty implements Task {
                    public Result run(TaskContext context) {
                        System.out.println("hello from the task");
                        System.out.print("no line end");
                        System.err.println("a warning");
                        return Result.success();
                    }
                }
                """).source("examples/Where.java", """
                package examples;
                import dirt.api.*;
                public final class Where implements Task {
                    public Result run(TaskContext context) {
                        Thread busy = new Thread(() -> {
                            try { Thread.sleep(1_000_000); } catch (InterruptedException e) { }
                        });
                        busy.start();
                        return Result.success().with("task_id", System.getenv("DIRT_TASK_ID"))
                                .with("record_id", System.getenv("DIRT_RECORD_ID"))
                                .with("name", System.getenv("DIRT_TASK_NAME"))
                                .with("kwargs", System.getenv("DIRT_KWARGS"))
                                .with("user_dir", System.getProperty("user.dir"))
                                .with("work_dir", context.workDir().toString());
                    }
                }
                """).jar("tasks.jar"));
    }

    @BeforeEach
    void shipTasks() {
        agent = new Runner(dir.resolve("cache"), Limits.STANDARD);
        assertThat(agent.put(JAR, tasksJar)).containsEntry("ok", true);
    }

    @AfterEach
    void close() {
        agent.close();
    }

    @Test
    void timeout_ends_the_tasks_jvm_and_the_process_it_started_and_sends_the_log_so_far() throws Exception {
        Path report = dir.resolve("report");

        Map<String, Object> response = agent.call(agent.java("slow-1", "examples.sleeper", JAR, "timeout_seconds", 3,
                "kwargs", Map.of("report", report.toString(), "millis", 1_000_000, "child", true)));

        assertThat(result(response)).containsExactly(Map.entry("success", false),
                Map.entry("reason", "timed out after 3 s"), Map.entry("timed_out", true));
        assertThat(text(response, "log.txt")).isEqualTo("started\n");
        assertNothingLeft(Files.readString(report), "slow-1");
    }

    @Test
    void cancel_ends_the_tasks_jvm_and_the_process_it_started() throws Exception {
        Path report = dir.resolve("report");
        agent.send(agent.java("slow-2", "examples.sleeper", JAR,
                "kwargs", Map.of("report", report.toString(), "millis", 1_000_000, "child", true)));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        Map<String, Object> cancel = agent.call(agent.request("cancel", "task_id", "slow-2"));
        Map<String, Object> run = agent.next();

        assertThat(cancel).containsEntry("cancelled", true);
        assertThat(result(run)).containsExactly(Map.entry("success", false), Map.entry("reason", "cancelled"),
                Map.entry("cancelled", true));
        assertNothingLeft(Files.readString(report), "slow-2");
    }

    @Test
    void cancel_kills_a_task_that_ignores_interrupts_and_sigterm() throws Exception {
        Path report = dir.resolve("report");
        agent.send(agent.java("stubborn", "examples.stubborn", JAR, "kwargs", Map.of("report", report.toString())));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        agent.call(agent.request("cancel", "task_id", "stubborn"));
        Map<String, Object> run = agent.next();

        assertThat(result(run)).containsEntry("reason", "cancelled");
        assertNothingLeft(Files.readString(report), "stubborn");
    }

    @Test
    void end_of_input_ends_the_java_tasks_still_running() throws Exception {
        Path report = dir.resolve("report");
        agent.send(agent.java("slow-3", "examples.sleeper", JAR,
                "kwargs", Map.of("report", report.toString(), "millis", 1_000_000, "child", true)));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        agent.driver().closeInput();

        assertThat(agent.driver().exitCode()).isZero();
        assertNothingLeft(Files.readString(report), "slow-3");
    }

    @Test
    void process_a_task_left_running_is_ended_when_the_task_returns() throws Exception {
        Path report = dir.resolve("report");

        Map<String, Object> response = agent.call(agent.java("quick", "examples.sleeper", JAR,
                "kwargs", Map.of("report", report.toString(), "millis", 0, "child", true)));

        assertThat(result(response)).containsExactly(Map.entry("success", true));
        assertChildrenGone(Files.readString(report), "quick");
    }

    @Test
    void task_calling_system_exit_fails_saying_so_and_the_agent_runs_on() {
        Map<String, Object> response = agent.call(agent.java("quit", "examples.quit", JAR));

        assertThat(result(response)).containsEntry("success", false).containsEntry("reason", "task \"examples.quit\""
                + " called System.exit(3) — return Result.failure(reason) instead: System.exit ends the task's JVM");
        assertThat((String) result(response).get("stack_trace")).startsWith("System.exit called in thread \"main\"")
                .contains("at java.base/java.lang.System.exit(").contains("at examples.Quit.run(Quit.java:5)");
        assertThat(agent.call(agent.request("ping"))).containsEntry("ok", true);
        assertThat(result(agent.call(agent.java("after", "examples.chatty", JAR)))).containsEntry("success", true);
    }

    @Test
    void jvm_that_ends_without_a_result_fails_with_its_exit_code_and_stderr() {
        Map<String, Object> response = agent.call(agent.java("halt", "examples.halt", JAR));

        assertThat(result(response)).containsExactly(Map.entry("success", false), Map.entry("reason",
                "task \"examples.halt\": its JVM exited with code 5 before it reported a result — see stderr.txt"));
        assertThat(text(response, "stderr.txt")).isEqualTo("going down\n");
    }

    @Test
    void what_the_task_prints_comes_back_as_stdout_and_stderr() {
        Map<String, Object> response = agent.call(agent.java("chatty", "examples.chatty", JAR));

        assertThat(names(response)).containsExactly("stdout.txt", "stderr.txt");
        assertThat(text(response, "stdout.txt")).isEqualTo("hello from the task\nno line end");
        assertThat(text(response, "stderr.txt")).isEqualTo("a warning\n");
        assertThat(attachment(response, "stdout.txt")).containsEntry("link_name", "stdout")
                .containsEntry("content_type", "text/plain");
        assertThat(attachment(response, "stderr.txt")).containsEntry("link_name", "stderr");
    }

    @Test
    void task_sees_its_ids_in_the_environment_runs_in_its_folder_and_may_leave_a_thread_running() {
        Map<String, Object> response = agent.call(agent.java("where", "examples.where", JAR,
                "kwargs", Map.of("rev", 7)));

        Map<String, Object> result = result(response);
        assertThat(result).containsEntry("success", true).containsEntry("task_id", "where")
                .containsEntry("record_id", "r1").containsEntry("name", "examples.where")
                .containsEntry("kwargs", "{\"rev\":7}");
        assertThat((String) result.get("work_dir")).startsWith(dir.resolve("cache/work").toString() + "/where-")
                .endsWith("/task").isEqualTo(result.get("user_dir"));
        assertThat(names(response)).isEmpty();
    }

    /**
     * Asserts that the processes named in a report ({@code RUN_ID PID...}) end, and that no process whose environment
     * holds the run's marker or the task's id is left.
     */
    private static void assertNothingLeft(String report, String taskId) {
        List<String> words = List.of(report.split(" "));
        assertThat(words).hasSizeGreaterThanOrEqualTo(2);
        List<Long> pids = words.subList(1, words.size()).stream().map(Long::parseLong).toList();
        await().atMost(GONE).untilAsserted(() -> {
            assertThat(pids).noneMatch(JavaProcessTest::alive);
            assertThat(withEnvironment(TaskProcess.RUN_ID + "=" + words.get(0))).isEmpty();
            assertThat(withEnvironment("DIRT_TASK_ID=" + taskId)).isEmpty();
        });
    }

    /**
     * Asserts that the processes a task started (named in its report {@code RUN_ID JVM_PID CHILD_PID...}) end, and
     * that no process with the run's marker or the task's id is left: all but the task's JVM, a warm worker that
     * runs on after a task that returned.
     */
    private static void assertChildrenGone(String report, String taskId) {
        List<String> words = List.of(report.split(" "));
        assertThat(words).hasSizeGreaterThanOrEqualTo(3);
        List<Long> children = words.subList(2, words.size()).stream().map(Long::parseLong).toList();
        await().atMost(GONE).untilAsserted(() -> {
            assertThat(children).noneMatch(JavaProcessTest::alive);
            assertThat(withEnvironment(TaskProcess.RUN_ID + "=" + words.get(0))).isEmpty();
            assertThat(withEnvironment("DIRT_TASK_ID=" + taskId)).isEmpty();
        });
    }

    /** The live processes whose environment holds {@code entry} ({@code NAME=value}), read from {@code /proc}. */
    private static List<Long> withEnvironment(String entry) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(process -> !ProcessTree.ended(process))
                    .filter(process -> environment(process.pid()).contains(entry)).map(ProcessHandle::pid).toList();
        }
    }

    private static List<String> environment(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "environ"), ISO_8859_1).split("\0"));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(process -> !ProcessTree.ended(process)).orElse(false);
    }
}
