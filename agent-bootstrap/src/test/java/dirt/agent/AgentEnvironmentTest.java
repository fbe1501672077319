package dirt.agent;

import static dirt.agent.Runner.result;
import static dirt.agent.Runner.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of the agent's own environment leaves it: a real agent process whose environment holds a password, probed and
 * running commands ({@code env}) as dirt asks it to.
 */
class AgentEnvironmentTest {
    private static final Map<String, String> SECRETS = Map.of("DIRT_COUCH_PASSWORD", "hunter2",
            "G4INSTALL", "/opt/g4", "LANG", "C.UTF-8");

    @TempDir
    Path dir;

    private AgentProcess agent;

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
}
