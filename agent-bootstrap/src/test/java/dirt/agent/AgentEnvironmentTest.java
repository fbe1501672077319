package dirt.agent;

import static dirt.agent.Runner.result;
import static dirt.agent.Runner.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of the agent's own environment leaves it: a real agent process whose environment holds a password, probed and
 * running commands ({@code env}) and Java tasks (in its warm worker JVMs) as dirt asks it to.
 */
class AgentEnvironmentTest {
    private static final Map<String, String> SECRETS = Map.of("DIRT_COUCH_PASSWORD", "hunter2",
            "G4INSTALL", "/opt/g4", "LANG", "C.UTF-8");
    private static final String JAR = "tasks-env.jar";

    @TempDir
    static Path build;

    private static byte[] tasksJar;

    @TempDir
    Path dir;

    private AgentProcess agent;

    @BeforeAll
    static void compileTasks() throws IOException {
        tasksJar = Files.readAllBytes(new TestJars(build).source("examples/Env.java", """
                package examples;
                import dirt.api.*;
                import java.util.*;
                /** Its environment's names, and what 'env' prints when the task starts it as it is. */
                public final class Env implements Task {
                    public Result run(TaskContext context) throws Exception {
                        Process env = new ProcessBuilder("env").redirectErrorStream(true).start();
                        String child = new String(env.getInputStream().readAllBytes());
                        env.waitFor();
                        return Result.success().with("pid", ProcessHandle.current().pid())
                                .with("names", String.join(",", new TreeSet<>(System.getenv().keySet())))
                                .with("task_id", System.getenv("DIRT_TASK_ID")).with("child", child)
                                .with("note", String.valueOf(System.getProperty("examples.note")));
                    }
                }
                """).jar("tasks.jar"));
    }

    @BeforeEach
    void start() {
        agent = new AgentProcess(dir.resolve("cache"), SECRETS);
    }

    @AfterEach
    void close() {
        agent.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> environ(Map<String, Object> request) {
        Map<String, Object> response = agent.call(request);
        assertThat(response).containsEntry("ok", true);
        return (Map<String, Object>) ((Map<String, Object>) response.get("facts")).get("environ");
    }

    @Test
    void probe_keeps_the_name_of_a_secret_variable_but_not_its_value() {
        Map<String, Object> environ = environ(Map.of("id", 1, "op", "probe"));

        assertThat(environ).containsEntry("DIRT_COUCH_PASSWORD", null).containsEntry("G4INSTALL", null);
        assertThat(JsonWriter.write(environ)).doesNotContain("hunter2");
    }

    @Test
    void probe_without_a_list_shows_the_values_of_the_default_names() {
        Map<String, Object> environ = environ(Map.of("id", 1, "op", "probe"));

        assertThat(environ).containsEntry("LANG", "C.UTF-8").containsEntry("PATH", System.getenv("PATH"));
    }

    @Test
    void probe_shows_the_value_of_a_listed_variable_only() {
        Map<String, Object> environ = environ(Map.of("id", 1, "op", "probe",
                "environ_values", List.of("G4INSTALL")));

        assertThat(environ).containsEntry("G4INSTALL", "/opt/g4").containsEntry("DIRT_COUCH_PASSWORD", null)
                .containsEntry("LANG", null);
    }

    @Test
    void command_task_does_not_see_a_variable_of_the_agent_that_is_not_listed() {
        Map<String, Object> response = agent.call(AgentProcess.command("env"));

        assertThat(result(response)).containsEntry("success", true);
        String env = text(response, "stdout.txt");
        assertThat(env).doesNotContain("hunter2").doesNotContain("DIRT_COUCH_PASSWORD").doesNotContain("G4INSTALL")
                .contains("LANG=C.UTF-8").contains("PATH=").contains("DIRT_TASK_ID=t1").contains("DIRT_RUN_ID=");
    }

    @Test
    void command_task_gets_the_variables_the_request_lists_and_dirts_own() {
        Map<String, Object> response = agent.call(AgentProcess.command("env", "environment",
                List.of("PATH", "G4INSTALL")));

        assertThat(result(response)).containsEntry("success", true);
        List<String> names = AgentProcess.lines(text(response, "stdout.txt")).stream()
                .map(line -> line.substring(0, line.indexOf('='))).toList();
        assertThat(names).contains("PATH", "G4INSTALL", "DIRT_TASK_ID", "DIRT_RECORD_ID", "DIRT_TASK_NAME",
                "DIRT_KWARGS", "DIRT_KWARGS_FILE", "DIRT_RUN_ID").doesNotContain("LANG", "DIRT_COUCH_PASSWORD");
        assertThat(names.stream().filter(name -> !name.startsWith("DIRT_")))
                .allMatch(name -> List.of("PATH", "G4INSTALL", "PWD", "SHLVL", "_").contains(name));
    }

    private Map<String, Object> java(String taskId, Object... fields) {
        return result(javaRun(agent, taskId, fields));
    }

    private static Map<String, Object> javaRun(AgentProcess agent, String taskId, Object... fields) {
        Map<String, Object> put = agent.call(Map.of("id", 1, "op", "put_file", "name", JAR, "sha256",
                FileCache.sha256(tasksJar), "data", Base64.getEncoder().encodeToString(tasksJar)));
        assertThat(put).containsEntry("ok", true);
        Map<String, Object> request = new LinkedHashMap<>(Map.of("id", 2, "op", "run", "task_id", taskId,
                "record_id", "r1", "name", "examples.env", "jar", JAR));
        for (int i = 0; i < fields.length; i += 2) {
            request.put((String) fields[i], fields[i + 1]);
        }
        Map<String, Object> response = agent.call(request);
        assertThat(result(response)).containsEntry("success", true);
        return response;
    }

    @Test
    void java_task_sees_only_the_variables_the_request_lists_and_dirts_own() {
        Map<String, Object> result = java("j1", "environment", List.of("PATH", "G4INSTALL"));

        List<String> names = List.of(((String) result.get("names")).split(","));
        assertThat(names).contains("PATH", "G4INSTALL", "DIRT_TASK_ID", "DIRT_RECORD_ID", "DIRT_TASK_NAME",
                "DIRT_KWARGS", "DIRT_KWARGS_FILE", "DIRT_RUN_ID").doesNotContain("LANG", "DIRT_COUCH_PASSWORD");
        assertThat(names).allMatch(name -> name.startsWith("DIRT_") || List.of("PATH", "G4INSTALL").contains(name));
    }

    @Test
    void process_a_java_task_starts_sees_no_variable_of_the_agent_that_is_not_listed() {
        String child = (String) java("j1").get("child");

        assertThat(child).doesNotContain("hunter2").doesNotContain("DIRT_COUCH_PASSWORD").doesNotContain("G4INSTALL")
                .contains("LANG=C.UTF-8").contains("PATH=").contains("DIRT_RUN_ID=");
    }

    @Test
    void java_task_does_not_see_the_variables_an_earlier_task_was_given() {
        Map<String, Object> first = java("j1", "environment", List.of("PATH", "G4INSTALL"));
        Map<String, Object> second = java("j2");

        assertThat(first.get("names")).asString().contains("G4INSTALL");
        assertThat(second.get("names")).asString().doesNotContain("G4INSTALL");
        assertThat((String) second.get("child")).doesNotContain("G4INSTALL").doesNotContain("j1");
        assertThat(second).containsEntry("task_id", "j2");
    }

    @Test
    void next_java_task_in_the_same_worker_sees_its_own_ids_only() {
        Map<String, Object> first = java("j1");
        Map<String, Object> second = java("j2");

        assertThat(second.get("pid")).isEqualTo(first.get("pid"));
        assertThat(second).containsEntry("task_id", "j2");
        assertThat((String) second.get("child")).doesNotContain("=j1");
    }

    @Test
    void java_tool_options_the_request_lists_reach_each_tasks_jvm_with_its_note_in_stderr() {
        try (AgentProcess withOptions = new AgentProcess(dir.resolve("cache-options"),
                Map.of("JAVA_TOOL_OPTIONS", "-Dexamples.note=set"))) {
            Map<String, Object> first = javaRun(withOptions, "o1", "environment", List.of("PATH", "JAVA_TOOL_OPTIONS"));
            Map<String, Object> second = javaRun(withOptions, "o2", "environment",
                    List.of("PATH", "JAVA_TOOL_OPTIONS"));

            assertThat(result(second).get("pid")).isEqualTo(result(first).get("pid"));
            for (Map<String, Object> run : List.of(first, second)) {
                assertThat(result(run)).containsEntry("note", "set");
                assertThat(text(run, "stderr.txt")).isEqualTo("Picked up JAVA_TOOL_OPTIONS: -Dexamples.note=set\n");
            }
        }
    }
}
