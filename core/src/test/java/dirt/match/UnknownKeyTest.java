package dirt.match;

import static dirt.match.NodeFixture.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.node.Node;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnknownKeyTest {
    private static final Node NODE = node("node-a")
            .fact("architecture", "x86_64").fact("cpu_count", 8).fact("path", List.of("/bin")).build();

    private static Optional<String> unknown(List<Node> nodes, String... lines) {
        return Matcher.unknownKey(Arrays.stream(lines).map(Requirement::parse).toList(), nodes)
                .map(UnknownKey::message);
    }

    @Test
    void mistyped_key_suggests_the_closest_known_key_and_lists_them_all() {
        assertThat(unknown(List.of(NODE), "archi is x86_64")).contains("unknown key \"archi\" in requirement "
                + "\"archi is x86_64\" — did you mean \"architecture\"? known keys: architecture, cpu_count, path");
    }

    @Test
    void key_far_from_every_known_key_lists_the_known_keys_without_a_guess() {
        assertThat(unknown(List.of(NODE), "gpu is a100")).contains("unknown key \"gpu\" in requirement "
                + "\"gpu is a100\" — known keys: architecture, cpu_count, path");
    }

    @Test
    void unknown_key_of_an_in_line_is_the_fact_after_the_operator() {
        assertThat(unknown(List.of(NODE), "/opt/bin in paths")).contains("unknown key \"paths\" in requirement "
                + "\"/opt/bin in paths\" — did you mean \"path\"? known keys: architecture, cpu_count, path");
    }

    @Test
    void a_key_that_differs_only_in_case_is_suggested() {
        assertThat(unknown(List.of(NODE), "ARCHITECTURE is x86_64")).contains("unknown key \"ARCHITECTURE\" in"
                + " requirement \"ARCHITECTURE is x86_64\" — did you mean \"architecture\"? known keys: architecture,"
                + " cpu_count, path");
    }

    @Test
    void an_in_line_written_key_first_says_that_in_puts_the_value_first() {
        assertThat(unknown(List.of(NODE), "path not_in /opt/bin")).contains("unknown key \"/opt/bin\" in requirement"
                + " \"path not_in /opt/bin\" — not_in puts the value first: did you mean \"/opt/bin not_in path\"?"
                + " known keys: architecture, cpu_count, path");
    }

    @Test
    void known_keys_are_those_of_every_node() {
        Node other = node("node-b").fact("gpu", "a100").build();

        assertThat(unknown(List.of(NODE, other), "gpu is a100", "cpu_count is 8")).isEmpty();
    }

    @Test
    void first_unknown_requirement_is_reported() {
        assertThat(unknown(List.of(NODE), "architecture is x86_64", "cpus is 8", "gpu is a100"))
                .hasValueSatisfying(message -> assertThat(message).startsWith("unknown key \"cpus\""));
    }

    @Test
    void nothing_is_unknown_while_no_node_has_any_facts() {
        Node unprobed = node("new").build();

        assertThat(unknown(List.of(unprobed), "archi is x86_64")).isEmpty();
        assertThat(unknown(List.of(), "archi is x86_64")).isEmpty();
    }

    @Test
    void a_key_present_with_a_null_value_is_known() {
        Node noLoad = node("node-a").fact("load_average", null).build();

        assertThat(unknown(List.of(noLoad), "load_average is 0")).isEmpty();
    }

    @Test
    void unknown_key_rejects_a_key_it_lists_as_known() {
        assertThatThrownBy(() -> new UnknownKey(Requirement.parse("path is x"), List.of("path")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key \"path\" is known");
    }

    @Test
    void suggestion_tolerates_up_to_three_edits_on_long_keys_and_one_on_short_ones() {
        assertThat(dirt.DidYouMean.closest("architektur", List.of("architecture", "path"))).contains("architecture");
        assertThat(dirt.DidYouMean.closest("Path", List.of("architecture", "path"))).contains("path");
        assertThat(dirt.DidYouMean.closest("ip", List.of("cpu_count", "fqdn"))).isEmpty();
        assertThat(dirt.DidYouMean.closest("xy", List.of("ip"))).isEmpty();
    }

    @Test
    void suggestion_completes_an_abbreviated_key_of_three_or_more_characters() {
        List<String> known = List.of("cpu_count", "load_average", "load_average_5", "os.name", "os_name");
        assertThat(dirt.DidYouMean.closest("load", known)).contains("load_average");
        assertThat(dirt.DidYouMean.closest("cpu", known)).contains("cpu_count");
        assertThat(dirt.DidYouMean.closest("o", known)).isEmpty();
    }
}
