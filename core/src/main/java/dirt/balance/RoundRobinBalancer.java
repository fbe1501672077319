package dirt.balance;

import static java.util.Objects.requireNonNull;

import dirt.node.Node;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Takes the nodes with a free slot in turn, ordered by name: after node {@code b} comes the first node named after
 * {@code b}, wrapping around to the first name. Only the last chosen name is remembered, so the rotation stays fair
 * when nodes appear or disappear between calls (a new node {@code bb} is next after {@code b}; if {@code b} is removed,
 * the rotation goes on with {@code c}), and the order of the candidates does not matter. Not thread safe.
 */
final class RoundRobinBalancer implements Balancer {
    private String last;

    @Override
    public Optional<Node> choose(List<NodeLoad> candidates) {
        List<NodeLoad> open = requireNonNull(candidates, "candidates is null").stream()
                .filter(NodeLoad::canTakeOne)
                .sorted(Comparator.comparing(NodeLoad::name))
                .toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        NodeLoad next = open.stream()
                .filter(load -> last == null || load.name().compareTo(last) > 0)
                .findFirst()
                .orElse(open.get(0));
        last = next.name();
        return Optional.of(next.node());
    }
}
