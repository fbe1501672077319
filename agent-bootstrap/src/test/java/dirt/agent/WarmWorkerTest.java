package dirt.agent;

import static dirt.agent.Runner.result;
import static dirt.agent.Runner.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java tasks in warm worker JVMs: a worker runs the next task when the last one left it clean, and what one task did
 * does not reach the next. Each task reports the pid of its JVM ({@code pid}), so the tests see which JVM ran it.
 */
class WarmWorkerTest {
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
        tasksJar = Files.readAllBytes(new TestJars(build).source("examples/Counter.java", """
                package examples;
                import dirt.api.*;
                public final class Counter implements Task {
                    static int runs;
                    public Result run(TaskContext context) {
                        runs++;
                        return Result.success().with("runs", runs).with("pid", ProcessHandle.current().pid());
                    }
                }
                """).source("examples/Leaky.java", """
                package examples;
                import dirt.api.*;
                public final class Leaky implements Task {
                    public Result run(TaskContext context) {
                        System.setProperty("examples.leak", "from an earlier task");
                        return Result.success().with("pid", ProcessHandle.current().pid());
                    }
                }
                """).source("examples/Peek.java", """
                package examples;
                import dirt.api.*;
                import java.nio.file.*;
                import java.util.*;
                public final class Peek implements Task {
                    public Result run(TaskContext context) {
                        return Result.success().with("pid", ProcessHandle.current().pid())
                                .with("leak", String.valueOf(System.getProperty("examples.leak")))
                                .with("left_file", Files.exists(context.workDir().resolve("left.txt")))
                                .with("task_id", System.getenv("DIRT_TASK_ID"))
                                .with("kwargs", System.getenv("DIRT_KWARGS"))
                                .with("names", String.join(",", new TreeSet<>(System.getenv().keySet())));
                    }
                }
                """).source("examples/Litter.java", """
                package examples;
                import dirt.api.*;
                import java.nio.file.*;
                public final class Litter implements Task {
                    public Result run(TaskContext context) throws Exception {
                        Files.writeString(context.workDir().resolve("left.txt"), "litter");
                        return Result.success().with("pid", ProcessHandle.current().pid());
                    }
                }
                """).source("examples/Spinner.java", """
                package examples;
                import dirt.api.*;
                public final class Spinner implements Task {
                    public Result run(TaskContext context) {
                        Thread busy = new Thread(() -> {
                            try { Thread.sleep(1_000_000); } catch (InterruptedException e) { }
                        });
                        busy.setDaemon(true);
                        busy.start();
                        return Result.success().with("pid", ProcessHandle.current().pid());
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
                """).source("examples/Sleeper.java", """
                package examples;
                import dirt.api.*;
                import java.nio.file.*;
                /** Starts 'sleep 1000', reports its JVM's pid and the child's in the file "report", then sleeps. */
                public final class Sleeper implements Task {
                    public Result run(TaskContext context) throws Exception {
                        Process child = new ProcessBuilder("sleep", "1000").start();
                        Path temp = Files.writeString(context.workDir().resolve("report.tmp"),
                                ProcessHandle.current().pid() + " " + child.pid());
                        Files.move(temp, Path.of(context.getString("report")), StandardCopyOption.ATOMIC_MOVE);
                        Thread.sleep(context.getLong("millis"));
                        return Result.success().with("pid", ProcessHandle.current().pid());
                    }
                }
                """).source("examples/Chatty.java", """
                package examples;
                import dirt.api.*;
                public final class Chatty implements Task {
                    public Result run(TaskContext context) {
                        System.out.print("hello from " + context.taskId() + "\\0 no line end");
                        System.err.println("a warning from " + context.taskId());
                        return Result.success().with("pid", ProcessHandle.current().pid());
                    }
                }
                """).source("examples/Relative.java", """
                package examples;
                import dirt.api.*;
                import java.io.*;
                import java.nio.file.*;
                public final class Relative implements Task {
                    public Result run(TaskContext context) throws Exception {
                        Files.writeString(Path.of("relative.txt"), "written by a relative path");
                        Process pwd = new ProcessBuilder("sh", "-c", "echo from a child > child.txt").start();
                        pwd.waitFor();
                        return Result.success()
                                .with("relative", Files.readString(context.workDir().resolve("relative.txt")))
                                .with("child", Files.readString(context.workDir().resolve("child.txt")).trim())
                                .with("absolute", new File("relative.txt").getAbsoluteFile().exists());
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

    private Map<String, Object> run(String taskId, String name, Object... fields) {
        Map<String, Object> result = result(agent.call(agent.java(taskId, name, JAR, fields)));
        assertThat(result).containsEntry("success", true);
        return result;
    }

    @Test
    void next_task_runs_in_the_same_jvm_and_a_tasks_static_state_does_not_reach_it() {
        Map<String, Object> first = run("c1", "examples.counter");
        Map<String, Object> second = run("c2", "examples.counter");

        assertThat(second.get("pid")).isEqualTo(first.get("pid"));
        assertThat(first).containsEntry("runs", 1L);
        assertThat(second).containsEntry("runs", 1L);
    }

    @Test
    void system_property_a_task_sets_does_not_reach_the_next_task() {
        Map<String, Object> leaky = run("l1", "examples.leaky");
        Map<String, Object> next = run("p1", "examples.peek");

        assertThat(next).containsEntry("leak", "null");
        assertThat(next.get("pid")).isNotEqualTo(leaky.get("pid"));
    }

    @Test
    void thread_a_task_leaves_running_does_not_reach_the_next_task() {
        Map<String, Object> spinner = run("s1", "examples.spinner");
        Map<String, Object> next = run("c1", "examples.counter");

        assertThat(next.get("pid")).isNotEqualTo(spinner.get("pid"));
        await().atMost(GONE).until(() -> !alive((Long) spinner.get("pid")));
    }

    @Test
    void system_exit_fails_only_that_task_and_the_next_task_runs() {
        Map<String, Object> quit = result(agent.call(agent.java("q1", "examples.quit", JAR)));
        Map<String, Object> next = run("c1", "examples.counter");

        assertThat(quit).containsEntry("success", false);
        assertThat((String) quit.get("reason")).startsWith("task \"examples.quit\" called System.exit(3)");
        assertThat(next).containsEntry("runs", 1L);
    }

    @Test
    void timed_out_tasks_worker_and_its_child_processes_are_gone_and_the_next_task_runs() throws Exception {
        Path report = dir.resolve("report");

        Map<String, Object> slow = result(agent.call(agent.java("slow", "examples.sleeper", JAR, "timeout_seconds", 3,
                "kwargs", Map.of("report", report.toString(), "millis", 1_000_000))));

        assertThat(slow).containsEntry("timed_out", true);
        List<Long> pids = List.of(Files.readString(report).split(" ")).stream().map(Long::parseLong).toList();
        await().atMost(GONE).untilAsserted(() -> assertThat(pids).noneMatch(WarmWorkerTest::alive));
        assertThat(run("c1", "examples.counter").get("pid")).isNotEqualTo(pids.get(0));
    }

    @Test
    void process_a_task_left_running_is_ended_and_the_worker_runs_the_next_task() throws Exception {
        Path report = dir.resolve("report");

        Map<String, Object> quick = run("quick", "examples.sleeper", "kwargs",
                Map.of("report", report.toString(), "millis", 0));

        long child = Long.parseLong(Files.readString(report).split(" ")[1]);
        await().atMost(GONE).until(() -> !alive(child));
        assertThat(run("c1", "examples.counter").get("pid")).isEqualTo(quick.get("pid"));
    }

    @Test
    void files_a_task_leaves_in_its_work_folder_do_not_reach_the_next_task() {
        Map<String, Object> litter = run("f1", "examples.litter");
        Map<String, Object> next = run("p1", "examples.peek");

        assertThat(next).containsEntry("left_file", false).containsEntry("pid", litter.get("pid"));
    }

    @Test
    void each_task_in_a_worker_sees_its_own_ids_and_kwargs_and_no_others() {
        Map<String, Object> first = run("e1", "examples.peek", "kwargs", Map.of("a", 1));
        Map<String, Object> second = run("e2", "examples.peek");

        assertThat(second.get("pid")).isEqualTo(first.get("pid"));
        assertThat(first).containsEntry("task_id", "e1").containsEntry("kwargs", "{\"a\":1}");
        assertThat(second).containsEntry("task_id", "e2").containsEntry("kwargs", "{}");
        assertThat(List.of(((String) second.get("names")).split(","))).allMatch(name -> name.startsWith("DIRT_")
                || RunSpec.DEFAULT_ENVIRONMENT.contains(name));
    }

    @Test
    void relative_paths_and_child_processes_of_a_java_task_land_in_its_work_folder() {
        Map<String, Object> result = run("r1", "examples.relative");

        assertThat(result).containsEntry("relative", "written by a relative path")
                .containsEntry("child", "from a child").containsEntry("absolute", true);
    }

    @Test
    void idle_workers_end_with_the_agent_and_leave_no_folder() {
        long pid = (Long) run("c1", "examples.counter").get("pid");

        agent.close();

        await().atMost(GONE).until(() -> !alive(pid));
        await().atMost(GONE).untilAsserted(() -> {
            try (var left = Files.list(dir.resolve("cache").resolve(WorkerPool.FOLDER))) {
                assertThat(left).isEmpty();
            }
        });
    }

    @Test
    void what_a_task_prints_in_a_reused_worker_is_its_own() {
        Map<String, Object> first = agent.call(agent.java("ch1", "examples.chatty", JAR));
        Map<String, Object> second = agent.call(agent.java("ch2", "examples.chatty", JAR));

        assertThat(result(second).get("pid")).isEqualTo(result(first).get("pid"));
        assertThat(text(first, "stdout.txt")).isEqualTo("hello from ch1\0 no line end");
        assertThat(text(second, "stdout.txt")).isEqualTo("hello from ch2\0 no line end");
        assertThat(text(second, "stderr.txt")).isEqualTo("a warning from ch2\n");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(process -> !ProcessTree.ended(process)).orElse(false);
    }
}
