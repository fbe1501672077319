package dirt.balance;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonNumber;
import dirt.node.Node;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Prefers the node with the most headroom. For a node with {@code slots}, {@code running} tasks, {@code cpu_count}
 * CPUs and a 1-minute {@code load_average} (facts from its last probe):
 *
 * <pre>
 *   load      = load_average × slots / cpu_count     (the load in slot units; cpu_count defaults to slots)
 *   headroom  = (slots − running) − load
 * </pre>
 *
 * The node with the largest headroom is chosen; ties go to the node running fewer tasks, then to the first name.
 * A node is never chosen without a free slot ({@code running < slots}), and a node already overloaded
 * ({@code load > slots}, i.e. {@code load_average > cpu_count}) is only chosen while it runs nothing, so that work
 * never stalls entirely on a farm that is busy with other things. A missing, non-numeric or negative
 * {@code load_average} counts as 0.
 *
 * <p>The load average is as fresh as the node's last probe, and may already include dirt's own tasks running then;
 * {@code running} is exact. Not thread safe (it keeps no state, but {@link Balancer} promises nothing more).
 */
final class LoadAwareBalancer implements Balancer {
    static final String LOAD_AVERAGE = "load_average";

    @Override
    public Optional<Node> choose(List<NodeLoad> candidates) {
        return requireNonNull(candidates, "candidates is null").stream()
                .filter(NodeLoad::canTakeOne)
                .filter(load -> load.running() == 0 || load(load.node()) <= load.node().slots())
                .min(Comparator.comparingDouble(LoadAwareBalancer::headroom).reversed()
                        .thenComparingInt(NodeLoad::running)
                        .thenComparing(NodeLoad::name))
                .map(NodeLoad::node);
    }

    /** Free slots less the node's load in slot units. */
    static double headroom(NodeLoad load) {
        return load.freeSlots() - load(load.node());
    }

    /** The node's load average in slot units: {@code load_average × slots / cpu_count}. */
    static double load(Node node) {
        double loadAverage = node.sysInfo().value(LOAD_AVERAGE)
                .filter(JsonNumber.class::isInstance)
                .map(fact -> ((JsonNumber) fact).doubleValue())
                .filter(value -> value > 0)
                .orElse(0.0);
        int cpus = node.sysInfo().cpuCount().orElse(node.slots());
        return loadAverage * node.slots() / cpus;
    }
}
