package dirt.balance;

import static dirt.match.NodeFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import dirt.config.BalancerKind;
import dirt.node.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoundRobinBalancerTest {
    private final Balancer balancer = Balancers.of(BalancerKind.ROUND_ROBIN);

    private static NodeLoad idle(String name, int slots) {
        return new NodeLoad(node(name).slots(slots).build(), 0);
    }

    private Optional<String> choose(NodeLoad... candidates) {
        return balancer.choose(List.of(candidates)).map(n -> n.name().value());
    }

    private List<String> chooseTimes(int times, NodeLoad... candidates) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            chosen.add(choose(candidates).orElse("none"));
        }
        return chosen;
    }

    @Test
    void nodes_with_free_slots_take_turns_in_name_order_whatever_the_candidate_order() {
        assertThat(chooseTimes(5, idle("c", 4), idle("a", 4), idle("b", 4)))
                .containsExactly("a", "b", "c", "a", "b");
    }

    @Test
    void full_node_is_skipped_and_the_rotation_goes_on() {
        NodeLoad fullB = new NodeLoad(node("b").slots(2).build(), 2);

        assertThat(chooseTimes(4, idle("a", 1), fullB, idle("c", 1))).containsExactly("a", "c", "a", "c");
    }

    @Test
    void every_node_full_chooses_nothing() {
        assertThat(choose(new NodeLoad(node("a").slots(1).build(), 1), new NodeLoad(node("b").slots(2).build(), 3)))
                .isEmpty();
    }

    @Test
    void no_candidates_chooses_nothing() {
        assertThat(choose()).isEmpty();
    }

    @Test
    void disabled_node_is_never_chosen() {
        NodeLoad disabled = new NodeLoad(node("a").slots(4).disabled().build(), 0);

        assertThat(chooseTimes(2, disabled, idle("b", 4))).containsExactly("b", "b");
    }

    @Test
    void dispatching_until_full_fills_every_slot_and_never_more() {
        List<Node> nodes = List.of(node("a").slots(1).build(), node("b").slots(3).build(), node("c").slots(2).build());

        Map<String, Integer> running = Dispatch.untilFull(balancer, nodes);

        assertThat(running).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 3, "c", 2));
    }

    @Test
    void node_added_between_calls_joins_the_rotation_at_its_place_by_name() {
        assertThat(choose(idle("a", 9), idle("c", 9))).contains("a");
        assertThat(choose(idle("a", 9), idle("b", 9), idle("c", 9))).contains("b");
        assertThat(choose(idle("a", 9), idle("b", 9), idle("c", 9))).contains("c");
    }

    @Test
    void node_removed_after_its_turn_does_not_restart_the_rotation() {
        assertThat(chooseTimes(2, idle("a", 9), idle("b", 9), idle("c", 9))).containsExactly("a", "b");

        assertThat(choose(idle("a", 9), idle("c", 9))).contains("c");
    }

    /** A dispatcher loop: choose, count the task as running, repeat until the balancer says every node is full. */
    static final class Dispatch {
        static Map<String, Integer> untilFull(dirt.balance.Balancer balancer, List<Node> nodes) {
            Map<String, Integer> running = new LinkedHashMap<>();
            nodes.forEach(n -> running.put(n.name().value(), 0));
            for (int i = 0; i < 1000; i++) {
                List<NodeLoad> loads = nodes.stream()
                        .map(n -> new NodeLoad(n, running.get(n.name().value()))).toList();
                Optional<Node> chosen = balancer.choose(loads);
                if (chosen.isEmpty()) {
                    return running;
                }
                running.merge(chosen.get().name().value(), 1, Integer::sum);
            }
            throw new AssertionError("the balancer never said the nodes were full: " + running);
        }
    }
}
