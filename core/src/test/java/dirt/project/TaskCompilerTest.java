package dirt.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCompilerTest {
    private static final String SIMPLE = """
            package examples;
            import dirt.api.*;
            public final class Simple implements Task {
                @Override
                public Result run(TaskContext context) {
                    return Result.success().with("sum", 2 + 2);
                }
            }
            """;

    @TempDir
    Path temp;

    private final CountingCompiler javac = new CountingCompiler();
    private final TaskCompiler compiler = new TaskCompiler(() -> javac);

    private ProjectFolder folder() {
        return ProjectFolder.in(temp.resolve("demo"));
    }

    @Test
    void tasks_compile_into_a_jar_named_by_hash_under_dirt_build() throws IOException {
        Project project = folder().task("examples/Simple.java", SIMPLE).project();

        TaskJar jar = compiler.compile(project);

        assertThat(jar.jar()).isEqualTo(project.dir().resolve(".dirt/build/tasks-" + jar.hash() + ".jar"));
        assertThat(jar.hash()).matches("[0-9a-f]{64}");
        assertThat(jar.taskNames()).containsExactly("examples.simple");
        assertThat(jar.libs()).isEmpty();
        assertThat(entries(jar.jar())).contains("examples/Simple.class", "META-INF/MANIFEST.MF");
    }

    @Test
    void unchanged_project_is_not_compiled_again() {
        Project project = folder().task("examples/Simple.java", SIMPLE).project();
        TaskJar first = compiler.compile(project);

        TaskJar second = compiler.compile(project);

        assertThat(javac.tasks()).isEqualTo(1);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void changed_source_changes_the_hash_and_is_compiled_again() {
        ProjectFolder folder = folder().task("examples/Simple.java", SIMPLE);
        TaskJar before = compiler.compile(folder.project());

        folder.task("examples/Simple.java", SIMPLE.replace("2 + 2", "2 + 3"));
        TaskJar after = compiler.compile(folder.project());

        assertThat(after.hash()).isNotEqualTo(before.hash());
        assertThat(after.jar()).isNotEqualTo(before.jar()).exists();
        assertThat(javac.tasks()).isEqualTo(2);
    }

    @Test
    void same_sources_in_another_folder_give_the_same_hash() {
        TaskJar one = compiler.compile(ProjectFolder.in(temp.resolve("one")).task("examples/Simple.java", SIMPLE)
                .project());
        TaskJar two = compiler.compile(ProjectFolder.in(temp.resolve("two")).task("examples/Simple.java", SIMPLE)
                .project());

        assertThat(two.hash()).isEqualTo(one.hash());
    }

    @Test
    void compile_error_lists_each_error_as_file_and_line_and_says_to_fix_the_files() {
        Project project = folder()
                .task("examples/Simple.java", SIMPLE)
                .task("examples/Broken.java", """
                        package examples;
                        public final class Broken {
                            int x = 1
                        }
                        """)
                .project();

        assertThatThrownBy(() -> compiler.compile(project))
                .isInstanceOf(TaskCompileException.class)
                .hasMessage("tasks do not compile: project=\"%s\" errors=1 — fix the files below and run again:%n"
                        + "tasks/examples/Broken.java:3: error: ';' expected", project.dir())
                .extracting(e -> ((TaskCompileException) e).diagnostics())
                .isEqualTo(List.of("tasks/examples/Broken.java:3: error: ';' expected"));
    }

    @Test
    void failed_compile_leaves_no_jar_behind() throws IOException {
        Project project = folder().task("Broken.java", "class Broken {").project();

        assertThatThrownBy(() -> compiler.compile(project)).isInstanceOf(TaskCompileException.class);

        try (var files = Files.list(project.buildDir())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void jar_in_tasks_lib_is_on_the_class_path_and_listed_as_a_lib() {
        Project project = folder()
                .lib("greeting.jar", "lib.Greeting", """
                        package lib;
                        public final class Greeting { public static String text() { return "hello"; } }
                        """)
                .task("examples/Greet.java", """
                        package examples;
                        import dirt.api.*;
                        public final class Greet implements Task {
                            public Result run(TaskContext context) {
                                return Result.success().with("text", lib.Greeting.text());
                            }
                        }
                        """)
                .project();

        TaskJar jar = compiler.compile(project);

        assertThat(jar.taskNames()).containsExactly("examples.greet");
        assertThat(jar.libs()).containsExactly(project.libDir().resolve("greeting.jar"));
    }

    @Test
    void changed_lib_jar_changes_the_hash() {
        ProjectFolder folder = folder().task("examples/Simple.java", SIMPLE)
                .lib("greeting.jar", "lib.Greeting", "package lib; public final class Greeting {}");
        String before = compiler.compile(folder.project()).hash();

        folder.lib("greeting.jar", "lib.Greeting", "package lib; public final class Greeting { int changed; }");

        assertThat(compiler.compile(folder.project()).hash()).isNotEqualTo(before);
    }

    @Test
    void only_public_concrete_top_level_task_classes_are_listed_as_tasks() {
        Project project = folder()
                .task("examples/Simple.java", SIMPLE)
                .task("examples/Helper.java", "package examples; public final class Helper {}")
                .task("examples/Base.java", """
                        package examples;
                        public abstract class Base implements dirt.api.Task {}
                        """)
                .task("examples/Hidden.java", """
                        package examples;
                        final class Hidden implements dirt.api.Task {
                            public dirt.api.Result run(dirt.api.TaskContext context) { return dirt.api.Result.success(); }
                            public static final class Nested implements dirt.api.Task {
                                public dirt.api.Result run(dirt.api.TaskContext c) { return dirt.api.Result.success(); }
                            }
                        }
                        """)
                .task("CompileHello.java", """
                        public final class CompileHello implements dirt.api.Task {
                            public dirt.api.Result run(dirt.api.TaskContext context) { return dirt.api.Result.success(); }
                        }
                        """)
                .project();

        assertThat(compiler.compile(project).taskNames()).containsExactly("compile_hello", "examples.simple");
    }

    @Test
    void project_without_task_sources_gives_an_empty_jar_without_compiling() {
        Project project = folder().project();

        TaskJar jar = compiler.compile(project);

        assertThat(jar.taskNames()).isEmpty();
        assertThat(jar.jar()).exists();
        assertThat(javac.tasks()).isZero();
    }

    @Test
    void missing_compiler_says_a_jdk_is_needed() {
        Project project = folder().task("examples/Simple.java", SIMPLE).project();
        TaskCompiler withoutJdk = new TaskCompiler(() -> null);

        assertThatThrownBy(() -> withoutJdk.compile(project))
                .isInstanceOf(ProjectException.class)
                .hasMessage("compiling tasks needs a JDK, but java.home=\"" + System.getProperty("java.home")
                        + "\" is a JRE without the Java compiler — run dirt with a JDK 17 or newer (set JAVA_HOME)");
    }

    @Test
    void cached_jar_is_used_even_without_a_jdk() {
        Project project = folder().task("examples/Simple.java", SIMPLE).project();
        TaskJar compiled = compiler.compile(project);

        assertThat(new TaskCompiler(() -> null).compile(project)).isEqualTo(compiled);
    }

    @Test
    void unreadable_cached_jar_is_rebuilt() throws IOException {
        Project project = folder().task("examples/Simple.java", SIMPLE).project();
        TaskJar compiled = compiler.compile(project);
        Files.writeString(compiled.jar(), "not a jar");

        TaskJar rebuilt = compiler.compile(project);

        assertThat(rebuilt).isEqualTo(compiled);
        assertThat(entries(rebuilt.jar())).contains("examples/Simple.class");
        assertThat(javac.tasks()).isEqualTo(2);
    }

    @Test
    void task_api_is_found_in_a_jar_or_a_classes_folder() {
        Path api = TaskCompiler.taskApiLocation();

        assertThat(api).satisfiesAnyOf(
                path -> assertThat(path.toString()).endsWith(".jar"),
                path -> assertThat(path.resolve("dirt/api/Task.class")).exists());
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
        }
    }
}
