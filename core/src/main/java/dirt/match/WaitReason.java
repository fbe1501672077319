package dirt.match;

import static java.util.Objects.requireNonNull;

import dirt.node.NodeName;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a task waits: no enabled node meets its requirements. Per node, the reason it is not chosen: {@code disabled},
 * or its first unmet requirement ({@code "G4INSTALL in environ": environ has no key "G4INSTALL"}). With no nodes at
 * all the map is empty. {@link #summary()} is the one line serve writes onto the task document; two wait reasons
 * are equal when they say the same for the same nodes.
 *
 * @param nodes node name → why that node does not take the task, ordered by node name
 */
public record WaitReason(Map<NodeName, String> nodes) implements Placement {
    /** The reason of a node that is disabled. */
    public static final String DISABLED = "disabled";
    static final String NO_NODES = "no nodes are registered — add one with 'dirt updatenodes'";
    private static final String NO_MATCH = "no enabled node meets the requirements — ";

    public WaitReason {
        requireNonNull(nodes, "nodes is null");
        Map<NodeName, String> sorted = new LinkedHashMap<>();
        nodes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(NodeName::value)))
                .forEach(e -> sorted.put(requireNonNull(e.getKey(), "node name is null"),
                        requireNonNull(e.getValue(), "reason is null")));
        nodes = Collections.unmodifiableMap(sorted);
    }

    /** The wait reason when no node is registered at all. */
    public static WaitReason noNodes() {
        return new WaitReason(Map.of());
    }

    /**
     * One line for the task document. Nodes with the same reason share it:
     * {@code no enabled node meets the requirements — node-a, node-c: "G4INSTALL in environ": environ has
     * no key "G4INSTALL"; node-b: disabled}, or {@code no nodes are registered — add one with
     * 'dirt updatenodes'}.
     */
    public String summary() {
        if (nodes.isEmpty()) {
            return NO_NODES;
        }
        Map<String, List<String>> byReason = nodes.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, LinkedHashMap::new,
                Collectors.mapping(e -> e.getKey().value(), Collectors.toList())));
        return NO_MATCH + byReason.entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + ": " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return summary();
    }
}
