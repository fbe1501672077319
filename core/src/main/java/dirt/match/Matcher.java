package dirt.match;

import static java.util.Objects.requireNonNull;

import dirt.node.Node;
import dirt.node.NodeName;
import dirt.node.SysInfo;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches a task's requirements against nodes' facts. Operators:
 * <ul>
 *   <li>{@code key is value} / {@code key not value}: the fact equals / differs from the value, compared as text
 *       ({@code 8} is {@code "8"}, {@code true} is {@code "true"}); a list or map fact never matches either and
 *       says to use {@code in} / {@code not_in};</li>
 *   <li>{@code value in key} / {@code value not_in key}: the value is / is not an element of a list fact (compared as
 *       text), a key of a map fact ({@code environ}), a substring of a string fact ({@code Ubuntu in platform}), or
 *       equal to a number or boolean fact.</li>
 * </ul>
 * A node without the fact meets no requirement on it. When no node has the fact at all, the requirement itself is
 * wrong: see {@link #unknownKey}. Pure functions over values; safe from any thread.
 */
public final class Matcher {
    private Matcher() {
    }

    /** The first of {@code requires} that {@code facts} do not meet, and why; empty when all are met. */
    public static Optional<Unmet> firstUnmet(List<Requirement> requires, SysInfo facts) {
        requireNonNull(requires, "requires is null");
        requireNonNull(facts, "facts is null");
        for (Requirement requirement : requires) {
            Optional<String> failure = FactCheck.failure(requirement, facts);
            if (failure.isPresent()) {
                return Optional.of(new Unmet(requirement, failure.get()));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code facts} meet every one of {@code requires}. */
    public static boolean matches(List<Requirement> requires, SysInfo facts) {
        return firstUnmet(requires, facts).isEmpty();
    }

    /**
     * The first requirement whose key is a fact of none of {@code nodes}, enabled or disabled (a node that is only
     * disabled for now still makes its facts known keys). Empty when every key is known, and also when no node
     * has any facts, since then nothing can be said about the keys: the task waits for nodes instead.
     */
    public static Optional<UnknownKey> unknownKey(List<Requirement> requires, Collection<Node> nodes) {
        requireNonNull(requires, "requires is null");
        Set<String> known = knownKeys(requireNonNull(nodes, "nodes is null"));
        if (known.isEmpty()) {
            return Optional.empty();
        }
        return requires.stream()
                .filter(r -> !known.contains(r.key()))
                .findFirst()
                .map(r -> new UnknownKey(r, List.copyOf(known)));
    }

    /**
     * Where a task with {@code requires} can run among {@code nodes}: the matching nodes that take work, else the
     * reason it fails ({@link UnknownKey}) or waits ({@link WaitReason}: per node, {@code disabled}, its first unmet
     * requirement, or why it takes no work ({@link Node#offWork()}); no nodes at all waits with
     * {@link WaitReason#noNodes()}).
     */
    public static Placement place(List<Requirement> requires, Collection<Node> nodes) {
        requireNonNull(requires, "requires is null");
        requireNonNull(nodes, "nodes is null");
        if (nodes.isEmpty()) {
            return WaitReason.noNodes();
        }
        Optional<UnknownKey> unknown = unknownKey(requires, nodes);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        List<Node> ready = nodes.stream()
                .filter(n -> n.takesWork() && matches(requires, n.sysInfo()))
                .sorted(Comparator.comparing(n -> n.name().value()))
                .toList();
        return ready.isEmpty() ? waitReason(requires, nodes) : new Placement.Ready(ready);
    }

    private static WaitReason waitReason(List<Requirement> requires, Collection<Node> nodes) {
        Map<NodeName, String> reasons = new LinkedHashMap<>();
        for (Node node : nodes) {
            String reason = node.enabled()
                    ? firstUnmet(requires, node.sysInfo()).map(Unmet::message).or(node::offWork).orElseThrow()
                    : WaitReason.DISABLED;
            reasons.put(node.name(), reason);
        }
        return new WaitReason(reasons);
    }

    private static Set<String> knownKeys(Collection<Node> nodes) {
        Set<String> known = new TreeSet<>();
        nodes.forEach(node -> known.addAll(node.sysInfo().facts().fields().keySet()));
        return known;
    }
}
