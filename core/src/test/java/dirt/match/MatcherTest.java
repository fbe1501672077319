package dirt.match;

import static dirt.match.NodeFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import dirt.node.SysInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatcherTest {
    private static final SysInfo LINUX = linux().sysInfo();

    private static NodeFixture linux() {
        Map<String, String> environ = new LinkedHashMap<>();
        environ.put("G4INSTALL", "/opt/geant4");
        environ.put("HOME", "/home/ci");
        return node("build7")
                .fact("architecture", "x86_64")
                .fact("cpu_count", 8)
                .fact("load_average", 0.5)
                .fact("mem_total_bytes", 8.0)
                .fact("debug", true)
                .fact("os.name", "Linux")
                .fact("platform", "Linux-6.1.0-18-amd64-x86_64-with-debian-12")
                .fact("environ", environ)
                .fact("path", List.of("/usr/local/bin", "/usr/bin", "/bin"))
                .fact("ids", Arrays.asList(8, true, "x"));
    }

    /** Why the lines are not met on {@code facts}: the first unmet requirement's message, or empty. */
    private static Optional<String> unmet(SysInfo facts, String... lines) {
        List<Requirement> requires = Arrays.stream(lines).map(Requirement::parse).toList();
        return Matcher.firstUnmet(requires, facts).map(Unmet::message);
    }

    private static Optional<String> unmet(String line) {
        return unmet(LINUX, line);
    }

    // The seed's examples

    @Test
    void architecture_is_x86_64_matches_an_x86_64_node() {
        assertThat(unmet("architecture is x86_64")).isEmpty();
    }

    @Test
    void architecture_is_aarch64_fails_with_the_node_architecture() {
        assertThat(unmet("architecture is aarch64"))
                .contains("\"architecture is aarch64\": architecture is \"x86_64\"");
    }

    @Test
    void variable_in_environ_matches_when_the_node_sets_it() {
        assertThat(unmet("G4INSTALL in environ")).isEmpty();
    }

    @Test
    void variable_in_environ_fails_when_the_node_does_not_set_it() {
        assertThat(unmet(node("n").fact("environ", Map.of("HOME", "/root")).sysInfo(), "G4INSTALL in environ"))
                .contains("\"G4INSTALL in environ\": environ has no key \"G4INSTALL\"");
    }

    @Test
    void variable_in_environ_matches_when_the_node_has_it_with_a_hidden_value() {
        Map<String, String> environ = new LinkedHashMap<>();
        environ.put("G4INSTALL", null);
        environ.put("PATH", "/usr/bin");
        SysInfo hidden = node("n").fact("environ", environ).sysInfo();

        assertThat(unmet(hidden, "G4INSTALL in environ")).isEmpty();
        assertThat(unmet(hidden, "G4INSTALL not_in environ"))
                .contains("\"G4INSTALL not_in environ\": environ has key \"G4INSTALL\"");
    }

    @Test
    void os_name_not_windows_matches_linux_and_fails_on_windows() {
        assertThat(unmet("os.name not Windows")).isEmpty();
        assertThat(unmet(node("w").fact("os.name", "Windows").sysInfo(), "os.name not Windows"))
                .contains("\"os.name not Windows\": os.name is \"Windows\"");
    }

    @Test
    void directory_not_in_path_matches_when_path_lacks_it_and_fails_when_it_has_it() {
        assertThat(unmet("/opt/bin not_in path")).isEmpty();
        assertThat(unmet("/usr/bin not_in path")).contains("\"/usr/bin not_in path\": path contains \"/usr/bin\"");
    }

    // is / not on scalars

    @Test
    void is_compares_a_number_fact_as_text() {
        assertThat(unmet("cpu_count is 8")).isEmpty();
        assertThat(unmet("cpu_count is 4")).contains("\"cpu_count is 4\": cpu_count is 8");
    }

    @Test
    void is_compares_numbers_by_value_too() {
        assertThat(unmet("mem_total_bytes is 8")).isEmpty();
        assertThat(unmet("load_average is 0.50")).isEmpty();
        assertThat(unmet("cpu_count is 8.0")).isEmpty();
        assertThat(unmet("cpu_count is eight")).contains("\"cpu_count is eight\": cpu_count is 8");
    }

    @Test
    void is_compares_a_boolean_fact_as_text_case_sensitively() {
        assertThat(unmet("debug is true")).isEmpty();
        assertThat(unmet("debug is True")).contains("\"debug is True\": debug is true");
    }

    @Test
    void is_compares_a_string_fact_exactly() {
        assertThat(unmet("os.name is Linux")).isEmpty();
        assertThat(unmet("os.name is linux")).contains("\"os.name is linux\": os.name is \"Linux\"");
    }

    @Test
    void not_fails_on_an_equal_number_and_matches_a_different_one() {
        assertThat(unmet("cpu_count not 4")).isEmpty();
        assertThat(unmet("cpu_count not 8")).contains("\"cpu_count not 8\": cpu_count is 8");
    }

    @Test
    void not_fails_on_an_equal_boolean_and_matches_a_different_one() {
        assertThat(unmet("debug not false")).isEmpty();
        assertThat(unmet("debug not true")).contains("\"debug not true\": debug is true");
    }

    @Test
    void is_against_a_list_fact_fails_and_says_to_use_in() {
        assertThat(unmet("path is /bin")).contains("\"path is /bin\": path is a list — use \"in\"");
    }

    @Test
    void is_against_a_map_fact_fails_and_says_to_use_in() {
        assertThat(unmet("environ is G4INSTALL")).contains("\"environ is G4INSTALL\": environ is a map — use \"in\"");
    }

    @Test
    void not_against_a_list_fact_fails_and_says_to_use_not_in() {
        assertThat(unmet("path not /opt/bin")).contains("\"path not /opt/bin\": path is a list — use \"not_in\"");
    }

    // in / not_in

    @Test
    void in_matches_an_element_of_a_list_fact() {
        assertThat(unmet("/bin in path")).isEmpty();
        assertThat(unmet("/opt/bin in path")).contains("\"/opt/bin in path\": path does not contain \"/opt/bin\"");
    }

    @Test
    void in_compares_list_elements_as_text() {
        assertThat(unmet("8 in ids")).isEmpty();
        assertThat(unmet("true in ids")).isEmpty();
        assertThat(unmet("9 not_in ids")).isEmpty();
        assertThat(unmet("x not_in ids")).contains("\"x not_in ids\": ids contains \"x\"");
    }

    @Test
    void not_in_fails_on_a_key_of_a_map_fact() {
        assertThat(unmet("CUDA_HOME not_in environ")).isEmpty();
        assertThat(unmet("G4INSTALL not_in environ"))
                .contains("\"G4INSTALL not_in environ\": environ has key \"G4INSTALL\"");
    }

    @Test
    void in_map_tests_keys_not_values() {
        assertThat(unmet("/opt/geant4 in environ"))
                .contains("\"/opt/geant4 in environ\": environ has no key \"/opt/geant4\"");
    }

    @Test
    void in_matches_a_substring_of_a_string_fact() {
        assertThat(unmet("debian in platform")).isEmpty();
        assertThat(unmet("Ubuntu in platform")).contains("\"Ubuntu in platform\": platform "
                + "\"Linux-6.1.0-18-amd64-x86_64-with-debian-12\" does not contain \"Ubuntu\"");
    }

    @Test
    void not_in_fails_on_a_substring_of_a_string_fact() {
        assertThat(unmet("Ubuntu not_in platform")).isEmpty();
        assertThat(unmet("debian not_in platform")).contains("\"debian not_in platform\": platform "
                + "\"Linux-6.1.0-18-amd64-x86_64-with-debian-12\" contains \"debian\"");
    }

    @Test
    void in_and_not_in_compare_a_number_fact_as_text() {
        assertThat(unmet("8 in cpu_count")).isEmpty();
        assertThat(unmet("4 in cpu_count")).contains("\"4 in cpu_count\": cpu_count is 8");
        assertThat(unmet("4 not_in cpu_count")).isEmpty();
        assertThat(unmet("8 not_in cpu_count")).contains("\"8 not_in cpu_count\": cpu_count is 8");
    }

    @Test
    void in_and_not_in_compare_a_boolean_fact_as_text() {
        assertThat(unmet("true in debug")).isEmpty();
        assertThat(unmet("false in debug")).contains("\"false in debug\": debug is true");
        assertThat(unmet("true not_in debug")).contains("\"true not_in debug\": debug is true");
    }

    // missing facts, order

    @ParameterizedTest
    @ValueSource(strings = {"gpu is yes", "gpu not yes", "yes in gpu", "yes not_in gpu"})
    void every_operator_fails_on_a_fact_the_node_does_not_have(String line) {
        assertThat(unmet(line)).contains("\"" + line + "\": node has no fact \"gpu\"");
    }

    @Test
    void null_fact_counts_as_missing() {
        assertThat(unmet(node("n").fact("load_average", null).sysInfo(), "load_average is 0"))
                .contains("\"load_average is 0\": node has no fact \"load_average\"");
    }

    @Test
    void first_unmet_requirement_is_reported_in_the_order_written() {
        assertThat(unmet(LINUX, "architecture is x86_64", "CUDA_HOME in environ", "architecture is aarch64"))
                .contains("\"CUDA_HOME in environ\": environ has no key \"CUDA_HOME\"");
    }

    @Test
    void node_meeting_every_requirement_matches() {
        List<Requirement> requires = List.of(Requirement.parse("architecture is x86_64"),
                Requirement.parse("G4INSTALL in environ"), Requirement.parse("/opt/bin not_in path"));
        assertThat(Matcher.matches(requires, LINUX)).isTrue();
    }

    @Test
    void no_requirements_match_any_node_even_one_without_facts() {
        assertThat(Matcher.matches(List.of(), SysInfo.empty())).isTrue();
    }

    @Test
    void unmet_keeps_the_failing_requirement_and_the_reason_apart() {
        Unmet unmet = Matcher.firstUnmet(List.of(Requirement.parse("architecture is aarch64")), LINUX).orElseThrow();
        assertThat(unmet).isEqualTo(new Unmet(new Requirement("architecture", Operator.IS, "aarch64"),
                "architecture is \"x86_64\""));
    }
}
