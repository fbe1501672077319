package dirt.project.template;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.agent.TaskRunner;
import dirt.api.Attachment;
import dirt.api.Result;
import dirt.api.TaskContext;
import dirt.project.Project;
import dirt.project.TaskCompiler;
import dirt.project.TaskJar;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template's example tasks compile with the task compiler and run in the agent's task runner. */
class ExampleTasksTest {
    @TempDir
    static Path temp;

    private static TaskJar jar;

    @TempDir
    Path workDir;

    private final TaskRunner runner = new TaskRunner();

    @BeforeAll
    static void compileTheTemplate() {
        Path folder = ProjectTemplate.write(temp.resolve("demo"), "demo", "demo");
        jar = new TaskCompiler().compile(Project.open(folder));
    }

    private Result run(String name, Map<String, ?> kwargs) {
        return runner.run(jar.jar(), jar.libs(), name, kwargs, workDir);
    }

    @Test
    void example_tasks_compile_into_three_tasks() {
        assertThat(jar.taskNames()).containsExactly("examples.arguments", "examples.attachments", "examples.simple");
        assertThat(jar.libs()).isEmpty();
    }

    @Test
    void simple_succeeds_with_the_sum() {
        assertThat(run("examples.simple", Map.of())).isEqualTo(Result.success().with("sum", 4));
    }

    @Test
    void arguments_returns_its_kwargs_in_its_results() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("foo", 42);
        kwargs.put("bar", "baz");
        kwargs.put("list", List.of(1, 2, 3));

        Result result = run("examples.arguments", kwargs);

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.values()).isEqualTo(kwargs);
    }

    @Test
    void attachments_returns_a_file_from_its_work_folder_with_a_link_name() {
        TaskContext context = TaskContext.builder("examples.attachments")
                .taskId("r123-attachments")
                .recordId("r123")
                .workDir(workDir)
                .build();

        Result result = runner.run(jar.jar(), jar.libs(), context);

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.attachments()).hasSize(1);
        Attachment attachment = result.attachments().get(0);
        assertThat(attachment.fileName()).isEqualTo("report.txt");
        assertThat(attachment.linkName()).contains("Report");
        assertThat(attachment.file()).hasValueSatisfying(file -> assertThat(file)
                .isRegularFile()
                .startsWith(workDir)
                .content().startsWith("task examples.attachments (r123-attachments) of record r123\n"));
    }
}
