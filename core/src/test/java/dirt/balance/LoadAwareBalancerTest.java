package dirt.balance;

import static dirt.match.NodeFixture.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dirt.config.BalancerKind;
import dirt.node.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadAwareBalancerTest {
    private final Balancer balancer = Balancers.of(BalancerKind.LOAD);

    private static Node node4(String name, double loadAverage) {
        return node(name).slots(4).fact("cpu_count", 4).fact("load_average", loadAverage).build();
    }

    private Optional<String> choose(NodeLoad... candidates) {
        return balancer.choose(List.of(candidates)).map(n -> n.name().value());
    }

    @Test
    void node_with_the_most_headroom_is_chosen() {
        NodeLoad busy = new NodeLoad(node4("a", 0.0), 3);
        NodeLoad loaded = new NodeLoad(node4("b", 2.5), 0);
        NodeLoad roomy = new NodeLoad(node4("c", 1.0), 1);

        assertThat(choose(busy, loaded, roomy)).contains("c");
    }

    @Test
    void headroom_is_free_slots_less_the_load_average_in_slot_units() {
        Node halfSlots = node("a").slots(4).fact("cpu_count", 8).fact("load_average", 4.0).build();

        assertThat(LoadAwareBalancer.load(halfSlots)).isCloseTo(2.0, within(1e-9));
        assertThat(LoadAwareBalancer.headroom(new NodeLoad(halfSlots, 1))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void missing_load_average_counts_as_idle() {
        Node unknownLoad = node("a").slots(2).build();

        assertThat(LoadAwareBalancer.headroom(new NodeLoad(unknownLoad, 0))).isEqualTo(2.0);
        assertThat(choose(new NodeLoad(unknownLoad, 0), new NodeLoad(node4("b", 3.0), 0))).contains("a");
    }

    @Test
    void overloaded_node_gets_nothing_while_it_runs_a_task() {
        NodeLoad overloaded = new NodeLoad(node4("a", 6.0), 1);

        assertThat(choose(overloaded)).isEmpty();
    }

    @Test
    void overloaded_idle_node_still_gets_a_task_so_work_never_stalls() {
        assertThat(choose(new NodeLoad(node4("a", 6.0), 0))).contains("a");
    }

    @Test
    void overloaded_idle_node_comes_after_any_node_with_headroom() {
        assertThat(choose(new NodeLoad(node4("a", 6.0), 0), new NodeLoad(node4("b", 0.0), 3))).contains("b");
    }

    @Test
    void full_node_is_never_chosen_however_idle_its_machine() {
        assertThat(choose(new NodeLoad(node4("a", 0.0), 4), new NodeLoad(node4("b", 3.5), 0))).contains("b");
        assertThat(choose(new NodeLoad(node4("a", 0.0), 4))).isEmpty();
    }

    @Test
    void equal_headroom_goes_to_the_node_running_fewer_tasks_then_to_the_first_name() {
        Node bigger = node("a").slots(6).fact("cpu_count", 6).build();

        assertThat(choose(new NodeLoad(bigger, 2), new NodeLoad(node4("b", 0.0), 0))).contains("b");
        assertThat(choose(new NodeLoad(node4("d", 0.0), 0), new NodeLoad(node4("c", 0.0), 0))).contains("c");
    }

    @Test
    void dispatching_until_full_fills_every_slot_and_never_more() {
        List<Node> nodes = List.of(node4("a", 0.0), node4("b", 2.0),
                node("c").slots(2).fact("cpu_count", 2).fact("load_average", 0.0).build());

        Map<String, Integer> running = RoundRobinBalancerTest.Dispatch.untilFull(balancer, nodes);

        assertThat(running).containsExactlyInAnyOrderEntriesOf(Map.of("a", 4, "b", 4, "c", 2));
    }

    @Test
    void node_added_between_calls_is_chosen_when_it_has_the_most_headroom() {
        NodeLoad a = new NodeLoad(node4("a", 0.0), 2);
        assertThat(choose(a)).contains("a");

        assertThat(choose(a, new NodeLoad(node4("b", 0.0), 0))).contains("b");
    }
}
