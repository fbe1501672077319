package dirt.farm;

import static java.util.Objects.requireNonNull;

import dirt.DirtException;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.node.SysInfo;
import dirt.transport.AgentClient;
import dirt.transport.AgentJar;
import dirt.transport.NodeTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes nodes in parallel: starts the agent through each node's transport, asks for its facts and stores them. A node
 * that fails is reported and its stored document is left as it was; the others are stored all the same.
 */
public final class NodeProber {
    private static final Logger log = LoggerFactory.getLogger(NodeProber.class);
    private static final int MAX_PARALLEL = 16;

    /** What probing one node did: the stored node, or why it failed. */
    public record Outcome(NodeName name, Optional<Node> node, Optional<String> error, boolean uploadedAgent,
            Duration took) {
        public Outcome {
            requireNonNull(name, "name is null");
            requireNonNull(node, "node is null");
            requireNonNull(error, "error is null");
            requireNonNull(took, "took is null");
        }

        public boolean ok() {
            return node.isPresent();
        }
    }

    private final NodeRegistry registry;
    private final Function<NodeName, NodeTransport> transports;
    private final AgentJar agent;
    private final Duration timeout;
    private final Clock clock;
    private final List<String> environValues;

    /**
     * @param environValues the environment variables whose values the stored facts show ({@code [nodes]
     *     environ_values}); the others are stored by name only, with the value {@code null}
     */
    public NodeProber(NodeRegistry registry, Function<NodeName, NodeTransport> transports, AgentJar agent,
            Duration timeout, Clock clock, List<String> environValues) {
        this.environValues = List.copyOf(environValues);
        this.registry = requireNonNull(registry, "registry is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.agent = requireNonNull(agent, "agent is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Probes every node, calling {@code done} as each one finishes; returns the outcomes in the order given. */
    public List<Outcome> probe(List<NodeName> names, Consumer<Outcome> done) {
        if (names.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(names.size(), MAX_PARALLEL));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (NodeName name : names) {
                futures.add(pool.submit(() -> {
                    Outcome outcome = probe(name);
                    done.accept(outcome);
                    return outcome;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(await(future));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome probe(NodeName name) {
        Instant start = clock.instant();
        boolean uploaded = false;
        try (AgentClient agentClient = AgentClient.connect(transports.apply(name), agent, timeout)) {
            uploaded = agentClient.uploadedAgent();
            SysInfo facts = new SysInfo(agentClient.probe(environValues));
            Node node = registry.recordProbe(name, facts);
            return new Outcome(name, Optional.of(node), Optional.empty(), uploaded, since(start));
        } catch (DirtException e) {
            return new Outcome(name, Optional.empty(), Optional.of(e.getMessage()), uploaded, since(start));
        } catch (RuntimeException e) {
            log.warn("probing node {} failed unexpectedly", name, e);
            return new Outcome(name, Optional.empty(), Optional.of("internal error: " + e), uploaded, since(start));
        }
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirtException("interrupted while probing nodes");
        } catch (ExecutionException e) {
            throw new IllegalStateException("probe failed outside its own error handling", e.getCause());
        }
    }
}
