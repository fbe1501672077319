package dirt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.json.Json;
import dirt.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandSettingsTest {
    private static final String MINIMAL = "[project]\nname = \"demo\"\n";

    private static Settings parse(String toml) {
        return SettingsText.parse(toml);
    }

    private static List<String> problems(String toml) {
        return SettingsText.problems(toml);
    }

    private static JsonObject kwargs(String json) {
        return Json.parseObject(json);
    }

    @Test
    void without_a_commands_section_no_command_line_from_a_document_runs() {
        CommandSettings commands = parse(MINIMAL).commands();

        assertThat(commands).isEqualTo(CommandSettings.defaults());
        assertThatThrownBy(() -> commands.line("id", JsonObject.EMPTY))
                .isInstanceOf(CommandRefusedException.class)
                .hasMessageContaining("command \"id\" is not allowed")
                .hasMessageContaining("[commands.named] (none)")
                .hasMessageContaining("[commands] free_form = true");
    }

    @Test
    void a_named_command_runs_its_line_with_each_kwarg_quoted_as_one_shell_word() throws Exception {
        CommandSettings commands = parse(MINIMAL + """
                [commands.named]
                disk_free = "df -h {kwargs.path}"
                copy = "cp {kwargs.from} {kwargs.to} && echo ${HOME}"
                """).commands();

        assertThat(commands.line("disk_free", kwargs("{\"path\": \"/tmp/a b\"}"))).isEqualTo("df -h '/tmp/a b'");
        assertThat(commands.line("disk_free", kwargs("{\"path\": \"x'; id; echo '\"}")))
                .isEqualTo("df -h 'x'\\''; id; echo '\\'''");
        assertThat(commands.line("copy", kwargs("{\"from\": 1, \"to\": true}")))
                .isEqualTo("cp '1' 'true' && echo ${HOME}");
    }

    @Test
    void a_named_command_without_the_kwargs_its_line_needs_is_refused_with_the_missing_key() throws Exception {
        CommandSettings commands = new CommandSettings(false, Map.of("disk_free", "df -h {kwargs.path}"));

        assertThatThrownBy(() -> commands.line("disk_free", JsonObject.EMPTY))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("needs kwargs.path");
        assertThatThrownBy(() -> commands.line("disk_free", kwargs("{\"path\": [\"/\"]}")))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("got [\"/\"]");
    }

    @Test
    void any_command_line_runs_as_written_only_when_free_form_is_set() {
        CommandSettings commands = parse(MINIMAL + """
                [commands]
                free_form = true
                [commands.named]
                disk_free = "df -h ."
                """).commands();

        assertThat(commands.line("make test", JsonObject.EMPTY)).isEqualTo("make test");
        assertThat(commands.line("disk_free", JsonObject.EMPTY)).isEqualTo("df -h .");
    }

    @Test
    void a_blank_command_line_or_a_name_with_spaces_is_a_problem_of_its_key() {
        assertThat(problems(MINIMAL + """
                [commands.named]
                empty = " "
                "two words" = "ls"
                number = 3
                """)).containsExactlyInAnyOrder(
                "settings.toml: [commands.named] empty: command empty has an empty command line — write it as name ="
                        + " \"command line\", e.g. disk_free = \"df -h {kwargs.path}\"",
                "settings.toml: [commands.named] two words: a command's name is one word, got \"two words\" — write"
                        + " it as name = \"command line\", e.g. disk_free = \"df -h {kwargs.path}\"",
                "settings.toml: [commands.named] number: expected a string, got 3");
    }

    @Test
    void a_placeholder_with_a_typo_is_a_problem_of_its_key_and_shell_braces_are_not() {
        String rule = " (placeholders are {kwargs.KEY}, KEY of letters, digits, _ and -) — write it as name ="
                + " \"command line\", e.g. disk_free = \"df -h {kwargs.path}\"";
        assertThat(problems(MINIMAL + """
                [commands.named]
                singular = "echo {kwarg.path}"
                whole = "echo {kwargs}"
                unclosed = "echo {kwargs.path and more"
                fine = "echo {kwargs.path} | awk '{print $1}' && echo {a,b}"
                """)).containsExactlyInAnyOrder(
                "settings.toml: [commands.named] singular: command singular has a placeholder it cannot fill:"
                        + " {kwarg.path}" + rule,
                "settings.toml: [commands.named] whole: command whole has a placeholder it cannot fill: {kwargs}" + rule,
                "settings.toml: [commands.named] unclosed: command unclosed has a placeholder it cannot fill:"
                        + " {kwargs.path" + rule);
    }

    @Test
    void a_schedule_whose_task_runs_a_command_the_project_refuses_is_a_problem_when_the_settings_load() {
        assertThat(problems(MINIMAL + """
                [[schedule]]
                name = "nightly"
                crontime = "0 2 * * *"
                [[schedule.task]]
                name = "build"
                command = "make"
                """)).singleElement().asString()
                .startsWith("settings.toml: [[schedule]] nightly task build: command \"make\" is not allowed");
    }
}
