package dirt.match;

import static dirt.match.NodeFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import dirt.node.Node;
import dirt.node.NodeName;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static final Node WITH_GEANT = node("node-c")
            .fact("architecture", "x86_64").fact("environ", Map.of("G4INSTALL", "/opt/geant4")).build();
    private static final Node WITHOUT_GEANT = node("node-a")
            .fact("architecture", "x86_64").fact("environ", Map.of("HOME", "/root")).build();
    private static final Node ARM = node("node-d")
            .fact("architecture", "aarch64").fact("environ", Map.of("G4INSTALL", "/opt/geant4")).build();
    private static final Node DISABLED = node("node-b")
            .fact("architecture", "x86_64").fact("environ", Map.of("G4INSTALL", "/opt/geant4")).disabled().build();

    private static List<Requirement> requires(String... lines) {
        return Arrays.stream(lines).map(Requirement::parse).toList();
    }

    private static Placement place(List<Node> nodes, String... lines) {
        return Matcher.place(requires(lines), nodes);
    }

    @Test
    void enabled_matching_nodes_are_ready_in_name_order() {
        Node alsoGeant = node("node-0").fact("architecture", "x86_64")
                .fact("environ", Map.of("G4INSTALL", "/g4")).build();

        assertThat(place(List.of(WITH_GEANT, WITHOUT_GEANT, alsoGeant, DISABLED), "G4INSTALL in environ"))
                .isEqualTo(new Placement.Ready(List.of(alsoGeant, WITH_GEANT)));
    }

    @Test
    void task_without_requirements_is_ready_on_every_enabled_node() {
        assertThat(place(List.of(WITHOUT_GEANT, DISABLED)))
                .isEqualTo(new Placement.Ready(List.of(WITHOUT_GEANT)));
    }

    @Test
    void when_no_enabled_node_matches_each_node_says_why() {
        Placement placement = place(List.of(WITHOUT_GEANT, DISABLED), "G4INSTALL in environ");

        assertThat(placement).isEqualTo(new WaitReason(Map.of(
                new NodeName("node-a"), "\"G4INSTALL in environ\": environ has no key \"G4INSTALL\"",
                new NodeName("node-b"), "disabled")));
        assertThat(((WaitReason) placement).summary()).isEqualTo("no enabled node meets the requirements — "
                + "node-a: \"G4INSTALL in environ\": environ has no key \"G4INSTALL\"; node-b: disabled");
    }

    @Test
    void each_node_reports_its_own_first_unmet_requirement() {
        WaitReason reason = (WaitReason) place(List.of(WITHOUT_GEANT, ARM),
                "architecture is x86_64", "G4INSTALL in environ");

        assertThat(reason.nodes()).containsExactly(
                Map.entry(new NodeName("node-a"), "\"G4INSTALL in environ\": environ has no key \"G4INSTALL\""),
                Map.entry(new NodeName("node-d"), "\"architecture is x86_64\": architecture is \"aarch64\""));
    }

    @Test
    void disabled_node_is_reported_disabled_even_when_it_matches() {
        WaitReason reason = (WaitReason) place(List.of(DISABLED), "G4INSTALL in environ");

        assertThat(reason.summary())
                .isEqualTo("no enabled node meets the requirements — node-b: disabled");
    }

    @Test
    void with_no_nodes_at_all_the_task_waits_for_one_to_be_added() {
        Placement placement = place(List.of(), "architecture is x86_64");

        assertThat(placement).isEqualTo(WaitReason.noNodes());
        assertThat(((WaitReason) placement).summary())
                .isEqualTo("no nodes are registered — add one with 'dirt updatenodes'");
    }

    @Test
    void nodes_with_the_same_reason_share_it_in_the_summary() {
        Node other = node("node-e").fact("architecture", "x86_64").fact("environ", Map.of()).build();

        WaitReason reason = (WaitReason) place(List.of(other, DISABLED, WITHOUT_GEANT), "G4INSTALL in environ");

        assertThat(reason.summary()).isEqualTo("no enabled node meets the requirements — "
                + "node-a, node-e: \"G4INSTALL in environ\": environ has no key \"G4INSTALL\"; node-b: disabled");
    }

    @Test
    void wait_reasons_are_equal_when_they_say_the_same_whatever_the_node_order() {
        WaitReason first = (WaitReason) place(List.of(WITHOUT_GEANT, DISABLED), "G4INSTALL in environ");
        WaitReason second = (WaitReason) place(List.of(DISABLED, WITHOUT_GEANT), "G4INSTALL in environ");

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first.summary()).isEqualTo(second.summary());
    }

    @Test
    void wait_reason_changes_when_a_node_is_disabled() {
        List<Requirement> requires = requires("architecture is x86_64", "G4INSTALL in environ");
        Placement before = Matcher.place(requires, List.of(WITHOUT_GEANT, ARM));
        Placement after = Matcher.place(requires, List.of(WITHOUT_GEANT, ARM.withEnabled(false)));

        assertThat(after).isNotEqualTo(before);
        assertThat(((WaitReason) after).nodes()).containsEntry(new NodeName("node-d"), "disabled");
    }

    @Test
    void requirement_naming_a_fact_no_node_has_is_unknown_rather_than_waiting() {
        Placement placement = place(List.of(WITHOUT_GEANT, DISABLED), "archi is x86_64");

        assertThat(placement).isInstanceOf(UnknownKey.class);
        assertThat(((UnknownKey) placement).message()).isEqualTo("unknown key \"archi\" in requirement "
                + "\"archi is x86_64\" — did you mean \"architecture\"? known keys: architecture, environ");
    }

    @Test
    void key_known_only_to_a_disabled_node_makes_the_task_wait_not_fail() {
        Node gpu = node("gpu1").fact("gpu", "a100").disabled().build();

        Placement placement = place(List.of(WITHOUT_GEANT, gpu), "gpu is a100");

        assertThat(placement).isInstanceOf(WaitReason.class);
        assertThat(((WaitReason) placement).nodes())
                .containsEntry(new NodeName("node-a"), "\"gpu is a100\": node has no fact \"gpu\"")
                .containsEntry(new NodeName("gpu1"), "disabled");
    }
}
