package dirt.agent;

import static dirt.agent.Runner.attachment;
import static dirt.agent.Runner.names;
import static dirt.agent.Runner.result;
import static dirt.agent.Runner.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} of Java tasks from a task jar shipped with {@code put_file}, compiled here from real sources. */
class JavaRunTest {
    private static final String JAR = "tasks-test.jar";

    @TempDir
    static Path build;

    private static byte[] tasksJar;

    @TempDir
    Path dir;

    private Runner agent;

    @BeforeAll
    static void compileTasks() throws Exception {
        Path jar = new TestJars(build).source("examples/Echo.java", """
                package examples;
                import dirt.api.*;
                import java.nio.file.*;
                public final class Echo implements Task {
                    public Result run(TaskContext context) throws Exception {
                        Path report = Files.writeString(context.workDir().resolve("report.txt"), "all good");
                        context.log("wrote the report");
                        return Result.success().with("foo", context.getInt("foo")).with("record", context.recordId())
                                .with("task", context.taskId()).attach(report, "Report")
                                .attach("data.json", "{}".getBytes(), null);
                    }
                }
                """).source("examples/Boom.java", """
                package examples;
                import dirt.api.*;
                public final class Boom implements Task {
                    public Result run(TaskContext context) { throw new IllegalStateException("oops"); }
                }
                """).source("examples/Slow.java", """
                package examples;
                import dirt.api.*;
                public final class Slow implements Task {
                    public Result run(TaskContext context) throws InterruptedException {
                        Thread.sleep(60_000);
                        return Result.success();
                    }
                }
                """).jar("tasks.jar");
        tasksJar = Files.readAllBytes(jar);
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
    void java_task_returns_its_values_and_attachments_with_start_and_completion_times() {
        double before = Instant.now().toEpochMilli() / 1000.0;

        Map<String, Object> response = agent.call(agent.java("t1", "examples.echo", JAR, "kwargs", Map.of("foo", 42)));

        assertThat(response).containsEntry("ok", true);
        assertThat(result(response)).containsExactly(Map.entry("success", true), Map.entry("foo", 42L),
                Map.entry("record", "r1"), Map.entry("task", "t1"));
        assertThat(names(response)).containsExactly("report.txt", "data.json", "log.txt");
        assertThat(attachment(response, "report.txt")).containsEntry("link_name", "Report")
                .containsEntry("content_type", "text/plain");
        assertThat(text(response, "report.txt")).isEqualTo("all good");
        assertThat(attachment(response, "data.json")).containsEntry("link_name", null)
                .containsEntry("content_type", "application/json");
        double started = (Double) response.get("started");
        double completed = (Double) response.get("completed");
        assertThat(started).isBetween(before - 0.01, completed);
        assertThat(completed).isLessThanOrEqualTo(Instant.now().toEpochMilli() / 1000.0 + 0.01);
    }

    @Test
    void java_task_log_lines_come_back_as_log_txt() {
        Map<String, Object> response = agent.call(agent.java("t1", "examples.echo", JAR, "kwargs", Map.of("foo", 1)));

        assertThat(attachment(response, "log.txt")).containsEntry("link_name", "log");
        assertThat(text(response, "log.txt")).isEqualTo("wrote the report\n");
    }

    @Test
    void unknown_task_name_fails_with_the_task_runners_message() {
        Map<String, Object> response = agent.call(agent.java("t2", "examples.nope", JAR));

        assertThat(response).containsEntry("ok", true);
        assertThat(result(response)).containsExactly(Map.entry("success", false), Map.entry("reason",
                "unknown task \"examples.nope\": no class examples.Nope in the task jar (expected"
                        + " tasks/examples/Nope.java)"));
    }

    @Test
    void throwing_task_fails_with_its_message_and_stack_trace() {
        Map<String, Object> result = result(agent.call(agent.java("t3", "examples.boom", JAR)));

        assertThat(result).containsEntry("success", false)
                .containsEntry("reason", "task \"examples.boom\" threw java.lang.IllegalStateException: oops");
        assertThat((String) result.get("stack_trace")).startsWith("java.lang.IllegalStateException: oops")
                .contains("at examples.Boom.run(Boom.java:4)");
    }

    @Test
    void missing_kwarg_fails_naming_it() {
        Map<String, Object> result = result(agent.call(agent.java("t4", "examples.echo", JAR)));

        assertThat((String) result.get("reason")).startsWith("task \"examples.echo\": kwarg \"foo\" is missing");
    }

    @Test
    void java_task_past_its_timeout_fails_as_timed_out() {
        Map<String, Object> response = agent.call(agent.java("t5", "examples.slow", JAR, "timeout_seconds", 0.3));

        assertThat(result(response)).containsExactly(Map.entry("success", false),
                Map.entry("reason", "timed out after 0.3 s"), Map.entry("timed_out", true));
        assertThat((Double) response.get("completed") - (Double) response.get("started")).isBetween(0.3, 5.0);
    }

    @Test
    void jar_that_was_never_shipped_is_an_error_response_saying_to_ship_it() {
        Map<String, Object> response = agent.call(agent.java("t6", "examples.echo", "tasks-missing.jar"));

        assertThat(response).containsEntry("ok", false).containsEntry("error", "unknown jar: name=\"tasks-missing.jar\""
                + " is not in the agent's folder folder=\"" + dir.resolve("cache") + "\" — ship it with put_file"
                + " first");
    }

    @Test
    void lib_that_was_never_shipped_is_an_error_response() {
        Map<String, Object> response = agent.call(agent.java("t7", "examples.echo", JAR, "libs", List.of("g.jar")));

        assertThat(response).containsEntry("ok", false).extractingByKey("error").asString()
                .startsWith("unknown lib: name=\"g.jar\"");
    }

    @Test
    void work_folder_is_removed_after_the_run() throws Exception {
        agent.call(agent.java("t8", "examples.echo", JAR, "kwargs", Map.of("foo", 1)));

        try (var left = Files.list(dir.resolve("cache/work"))) {
            assertThat(left).isEmpty();
        }
    }
}
