package dirt.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {
    private static final String MINIMAL = "[project]\nname = \"demo\"\n";

    private static Settings parse(String toml) {
        return SettingsText.parse(toml);
    }

    private static List<String> problems(String toml) {
        return SettingsText.problems(toml);
    }

    @Test
    void without_a_nodes_section_only_names_that_hold_no_secret_are_shown_and_passed_on() {
        NodeSettings nodes = parse(MINIMAL).nodes();

        assertThat(nodes).isEqualTo(NodeSettings.defaults());
        assertThat(nodes.environValues())
                .containsExactly("PATH", "JAVA_HOME", "HOME", "SHELL", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME");
        assertThat(nodes.taskEnvironment())
                .containsExactly("PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME", "SHELL", "JAVA_HOME", "TMPDIR");
        assertThat(nodes.localAgentEnvironment()).doesNotContainAnyElementsOf(List.of("DIRT_COUCH_PASSWORD"));
    }

    @Test
    void the_defaults_are_those_the_agent_uses_when_a_request_names_none() throws Exception {
        assertThat(agentConstant("dirt.agent.Facts", "DEFAULT_ENVIRON_VALUES"))
                .isEqualTo(NodeSettings.DEFAULT_ENVIRON_VALUES);
        assertThat(agentConstant("dirt.agent.RunSpec", "DEFAULT_ENVIRONMENT"))
                .isEqualTo(NodeSettings.DEFAULT_TASK_ENVIRONMENT);
    }

    private static Object agentConstant(String className, String field) throws Exception {
        var constant = Class.forName(className).getDeclaredField(field);
        constant.setAccessible(true);
        return constant.get(null);
    }

    @Test
    void nodes_section_sets_the_shown_values_and_the_task_environment() {
        NodeSettings nodes = parse(MINIMAL + """
                [nodes]
                environ_values = ["PATH", "G4INSTALL"]
                task_environment = ["PATH", "G4INSTALL", "CCACHE_DIR"]
                """).nodes();

        assertThat(nodes.environValues()).containsExactly("PATH", "G4INSTALL");
        assertThat(nodes.taskEnvironment()).containsExactly("PATH", "G4INSTALL", "CCACHE_DIR");
        assertThat(nodes.localAgentEnvironment()).containsExactly("PATH", "G4INSTALL", "CCACHE_DIR");
    }

    @Test
    void empty_lists_show_no_value_and_pass_nothing_on() {
        NodeSettings nodes = parse(MINIMAL + "[nodes]\nenviron_values = []\ntask_environment = []\n").nodes();

        assertThat(nodes.environValues()).isEmpty();
        assertThat(nodes.taskEnvironment()).isEmpty();
    }

    @Test
    void misspelled_key_of_the_nodes_section_suggests_the_known_one() {
        assertThat(problems(MINIMAL + "[nodes]\nenviron_value = [\"PATH\"]\n")).containsExactly(
                "settings.toml: [nodes] environ_value: unknown key, did you mean \"environ_values\"?");
    }

    @Test
    void name_that_cannot_be_an_environment_variable_is_reported() {
        assertThat(problems(MINIMAL + "[nodes]\ntask_environment = [\"PATH\", \"A=B\"]\n")).containsExactly(
                "settings.toml: [nodes] task_environment: expected an environment variable's name like \"JAVA_HOME\","
                        + " got \"A=B\"");
    }
}
