package dirt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.api.Result;
import dirt.api.TaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRunnerTest {
    @TempDir
    Path dir;

    private final TaskRunner runner = new TaskRunner();

    private Path jarWith(String path, String code) {
        return new TestJars(dir).source(path, code).jar("tasks.jar");
    }

    private Result run(Path jar, String name, Map<String, ?> kwargs) {
        return runner.run(jar, name, kwargs, dir.resolve("work"));
    }

    @Test
    void task_runs_with_its_kwargs_and_returns_its_result() {
        Path jar = jarWith("examples/Echo.java", """
                package examples;
                import dirt.api.*;
                public final class Echo implements Task {
                    public Result run(TaskContext context) {
                        return Result.success().with("foo", context.getInt("foo")).with("record", context.recordId());
                    }
                }
                """);

        Result result = run(jar, "examples.echo", Map.of("foo", 42));

        assertThat(result).isEqualTo(Result.success().with("foo", 42).with("record", "local"));
    }

    @Test
    void a_task_with_a_check_is_not_run_when_done_and_its_recheck_decides_after_run() throws Exception {
        Path jar = jarWith("examples/Build.java", """
                package examples;
                import dirt.api.*;
                import java.nio.file.*;
                public final class Build implements Task {
                    public boolean check(TaskContext context) {
                        return Files.exists(Path.of(context.getString("out")));
                    }
                    public Result run(TaskContext context) throws Exception {
                        if (context.getBoolean("make")) {
                            Files.writeString(Path.of(context.getString("out")), "built");
                        }
                        return Result.failure("the compiler warned").with("ran", true);
                    }
                }
                """);
        Path out = dir.resolve("out.jar");

        Result missed = run(jar, "examples.build", Map.of("out", out.toString(), "make", false));
        Result rescued = run(jar, "examples.build", Map.of("out", out.toString(), "make", true));
        Result done = run(jar, "examples.build", Map.of("out", out.toString(), "make", true));

        assertThat(missed.isSuccess()).isFalse();
        assertThat(missed.reason()).contains("recheck failed after run() returned a failure (the compiler warned)");
        assertThat(rescued.isSuccess()).isTrue();
        assertThat(rescued.values()).containsEntry("ran", true);
        assertThat(done).isEqualTo(Result.success().with("already_done", true));
    }

    @Test
    void unknown_task_fails_naming_the_class_and_the_source_file_expected() {
        Path jar = jarWith("examples/Echo.java", "package examples; public class Echo {}");

        Result result = run(jar, "examples.nope", Map.of());

        assertThat(result).isEqualTo(Result.failure(
                "unknown task \"examples.nope\": no class examples.Nope in the task jar (expected"
                        + " tasks/examples/Nope.java)"));
    }

    @Test
    void invalid_task_name_fails_saying_why() {
        Path jar = jarWith("examples/Echo.java", "package examples; public class Echo {}");

        Result result = run(jar, "examples.no-such", Map.of());

        assertThat(result.reason()).contains("unknown task: task name \"examples.no-such\" is not valid: \"no-such\" is"
                + " not a Java identifier — use dot-separated Java names such as \"examples.simple\" or"
                + " \"compile_hello\"");
    }

    @Test
    void exact_class_name_also_finds_the_task() {
        Path jar = jarWith("ci/Run_All.java", """
                package ci;
                public final class Run_All implements dirt.api.Task {
                    public dirt.api.Result run(dirt.api.TaskContext context) { return dirt.api.Result.success(); }
                }
                """);

        assertThat(run(jar, "ci.Run_All", Map.of()).isSuccess()).isTrue();
    }

    @Test
    void task_in_the_default_package_is_found_by_its_snake_case_name() {
        Path jar = jarWith("CompileHello.java", """
                public final class CompileHello implements dirt.api.Task {
                    public dirt.api.Result run(dirt.api.TaskContext context) { return dirt.api.Result.success(); }
                }
                """);

        assertThat(run(jar, "compile_hello", Map.of()).isSuccess()).isTrue();
    }

    @Test
    void exception_fails_the_task_with_its_message_and_stack_trace() {
        Path jar = jarWith("examples/Boom.java", """
                package examples;
                import dirt.api.*;
                public final class Boom implements Task {
                    public Result run(TaskContext context) { throw new IllegalStateException("oops"); }
                }
                """);

        Result result = run(jar, "examples.boom", Map.of());

        assertThat(result.reason()).contains("task \"examples.boom\" threw java.lang.IllegalStateException: oops");
        assertThat((String) result.values().get(TaskRunner.STACK_TRACE))
                .startsWith("java.lang.IllegalStateException: oops")
                .contains("at examples.Boom.run(Boom.java:4)");
    }

    @Test
    void a_static_initializer_that_throws_fails_the_task_with_its_exception() {
        Path jar = jarWith("examples/Early.java", """
                package examples;
                import dirt.api.*;
                public final class Early implements Task {
                    static final int VALUE = Integer.parseInt("not a number");
                    public Result run(TaskContext context) { return Result.success(); }
                }
                """);

        Result result = run(jar, "examples.early", Map.of());

        assertThat(result.reason()).contains("task \"examples.early\": its class's static initializer threw"
                + " java.lang.NumberFormatException: For input string: \"not a number\"");
    }

    @Test
    void missing_kwarg_fails_with_the_kwarg_message() {
        Path jar = jarWith("examples/Echo.java", """
                package examples;
                import dirt.api.*;
                public final class Echo implements Task {
                    public Result run(TaskContext context) { return Result.success().with("foo", context.getInt("foo")); }
                }
                """);

        Result result = run(jar, "examples.echo", Map.of());

        assertThat(result.reason()).contains("task \"examples.echo\": kwarg \"foo\" is missing — add it to the task"
                + " document's \"kwargs\", e.g. \"kwargs\": {\"foo\": …} (kwargs present: [])");
    }

    @Test
    void class_that_is_not_a_task_fails_saying_to_implement_task() {
        Path jar = jarWith("examples/Helper.java", "package examples; public class Helper {}");

        assertThat(run(jar, "examples.helper", Map.of()).reason()).contains(
                "task \"examples.helper\": class examples.Helper does not implement dirt.api.Task — add 'implements"
                        + " Task' to it");
    }

    @Test
    void task_without_public_no_argument_constructor_fails_saying_so() {
        Path jar = jarWith("examples/Picky.java", """
                package examples;
                import dirt.api.*;
                public final class Picky implements Task {
                    public Picky(String needed) {}
                    public Result run(TaskContext context) { return Result.success(); }
                }
                """);

        assertThat(run(jar, "examples.picky", Map.of()).reason()).contains(
                "task \"examples.picky\": class examples.Picky needs to be public with a public no-argument"
                        + " constructor");
    }

    @Test
    void task_returning_null_fails_saying_what_to_return() {
        Path jar = jarWith("examples/Nothing.java", """
                package examples;
                import dirt.api.*;
                public final class Nothing implements Task {
                    public Result run(TaskContext context) { return null; }
                }
                """);

        assertThat(run(jar, "examples.nothing", Map.of()).reason()).contains(
                "task \"examples.nothing\" returned null — return Result.success() or Result.failure(reason)");
    }

    @Test
    void classes_of_lib_jars_are_visible_to_the_task() {
        Path lib = new TestJars(dir).source("lib/Greeting.java", """
                package lib;
                public final class Greeting { public static String text() { return "hello from lib"; } }
                """).jar("greeting.jar");
        Path jar = new TestJars(dir).classpath(lib).source("examples/Greet.java", """
                package examples;
                import dirt.api.*;
                public final class Greet implements Task {
                    public Result run(TaskContext context) { return Result.success().with("text", lib.Greeting.text()); }
                }
                """).jar("tasks.jar");

        Result result = runner.run(jar, List.of(lib), "examples.greet", Map.of(), dir.resolve("work"));

        assertThat(result.values()).containsEntry("text", "hello from lib");
    }

    @Test
    void missing_lib_jar_fails_before_running() {
        Path jar = jarWith("examples/Echo.java", "package examples; public class Echo {}");
        Path missing = dir.resolve("missing.jar");

        Result result = runner.run(jar, List.of(missing), "examples.echo", Map.of(), dir.resolve("work"));

        assertThat(result.reason()).contains("task \"examples.echo\" cannot start: jar=\"" + missing
                + "\" does not exist — compile the project's tasks again");
    }

    @Test
    void work_dir_is_created_and_attachments_written_there_are_returned() {
        Path jar = jarWith("examples/Writer.java", """
                package examples;
                import dirt.api.*;
                import java.nio.file.*;
                public final class Writer implements Task {
                    public Result run(TaskContext context) throws Exception {
                        Path out = Files.writeString(context.workDir().resolve("out.txt"), "written");
                        context.log("wrote " + out.getFileName());
                        return Result.success().attach(out, "Output");
                    }
                }
                """);
        List<String> log = new ArrayList<>();
        Path work = dir.resolve("runs/1");
        TaskContext context = TaskContext.builder("examples.writer").workDir(work).log(log::add).build();

        Result result = runner.run(jar, List.of(), context);

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.attachments().get(0).file()).contains(work.resolve("out.txt"));
        assertThat(work.resolve("out.txt")).hasContent("written");
        assertThat(log).containsExactly("wrote out.txt");
    }

    @Test
    void task_runs_with_its_own_class_loader_as_context_class_loader_which_is_restored_after() {
        Path jar = jarWith("examples/Loader.java", """
                package examples;
                import dirt.api.*;
                public final class Loader implements Task {
                    public Result run(TaskContext context) {
                        boolean own = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        return Result.success().with("own", own);
                    }
                }
                """);
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        Result result = run(jar, "examples.loader", Map.of());

        assertThat(result.values()).containsEntry("own", true);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void missing_task_jar_fails_saying_to_compile_again() {
        Path missing = dir.resolve("tasks-none.jar");

        assertThat(run(missing, "examples.simple", Map.of()).reason()).contains(
                "task \"examples.simple\" cannot start: jar=\"" + missing + "\" does not exist — compile the project's"
                        + " tasks again");
        assertThat(Files.exists(dir.resolve("work"))).isFalse();
    }
}
