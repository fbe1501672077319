package dirt.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.DirtException;
import dirt.config.NodeHealthSettings;
import dirt.document.DocumentReader;
import dirt.health.Quarantine;
import dirt.health.Samples;
import dirt.node.Drift;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.node.NodeProber;
import dirt.task.Attempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the nodes' health for serve: quarantines a node that fails what passes elsewhere ({@link Quarantine}, fed
 * by every try seen in the changes feed, whichever server ran it), samples each node's load, memory and free disk
 * through its agent every {@link #SAMPLE_EVERY} ({@link Samples}; a nearly full disk marks the node
 * {@code disk_full}), and probes every node again every {@code [serve] reprobe_every}, which records any drift in its
 * facts. Everything it decides is written onto the node documents, which the dispatcher and the notifier follow.
 */
final class NodeHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    static final Duration FIRST_SAMPLE = Duration.ofSeconds(2);
    static final Duration PROBE_CHECK_EVERY = Duration.ofMinutes(1);

    private final NodeMarks marks;
    private final NodeHealthSettings settings;
    private final NodeSessions sessions;
    private final NodeProber prober;
    private final Clock clock;
    private final Quarantine quarantine;
    private final Map<NodeName, Node> nodes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "dirt-node-health");
        thread.setDaemon(true);
        return thread;
    });

    /** @param prober probes a node over a new login, as {@code dirt updatenodes} does, and stores what it found */
    NodeHealth(NodeMarks marks, NodeHealthSettings settings, NodeSessions sessions, NodeProber prober, Clock clock) {
        this.marks = marks;
        this.settings = settings;
        this.sessions = sessions;
        this.prober = prober;
        this.clock = clock;
        this.quarantine = new Quarantine(settings.quarantineFailures(), settings.quarantineWindow());
    }

    /** Samples soon after the start, then every {@link #SAMPLE_EVERY}; looks for nodes due for a probe every minute. */
    void start() {
        timer.scheduleWithFixedDelay(this::sampleAll, FIRST_SAMPLE.toMillis(), SAMPLE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        long probeCheck = Math.min(PROBE_CHECK_EVERY.toMillis(), settings.reprobeEvery().toMillis());
        timer.scheduleWithFixedDelay(this::reprobeDue, probeCheck, probeCheck, TimeUnit.MILLISECONDS);
    }

    // ---- quarantine, from the changes feed's thread

    /** A task document seen in the feed: the try it shows ended, if any, counts for or against its node. */
    void taskSeen(ObjectNode doc) {
        tryOutcome(doc).ifPresent(outcome -> {
            List<Quarantine.Verdict> verdicts;
            synchronized (quarantine) {
                verdicts = quarantine.seen(outcome, clock.instant());
            }
            verdicts.forEach(this::quarantine);
        });
    }

    void nodeSeen(Node node) {
        nodes.put(node.name(), node);
        Optional<Instant> released = new DocumentReader(node.document()).epochSeconds(Node.RELEASED);
        synchronized (quarantine) {
            quarantine.nodeState(node.name().value(), node.quarantined().isPresent(), released);
        }
    }

    void nodeDeleted(NodeName name) {
        nodes.remove(name);
    }

    /**
     * The try a task document shows ended: a completed task's last try (not one cancelled, skipped or lost), or the
     * failed try in the history of a task waiting to be tried again.
     */
    static Optional<Quarantine.Outcome> tryOutcome(JsonNode doc) {
        String id = doc.path("_id").asText();
        String name = doc.path("name").asText("");
        if (name.isEmpty() || doc.hasNonNull("parent") && !doc.path("node").isTextual()) {
            return Optional.empty();
        }
        if (doc.path("completed").isNumber()) {
            JsonNode results = doc.path("results");
            boolean notRun = results.path("cancelled").asBoolean(false) || results.path("skipped").asBoolean(false)
                    || results.path("lost").asBoolean(false) || results.path("invalid").asBoolean(false);
            if (notRun || !doc.path("node").isTextual() || !doc.path("started").isNumber()) {
                return Optional.empty();
            }
            return Optional.of(new Quarantine.Outcome(doc.get("node").textValue(), name, id,
                    Attempts.attempt(doc), results.path("success").asBoolean(false), seconds(doc.get("completed"))));
        }
        JsonNode history = doc.path(Attempts.HISTORY);
        if (doc.has("started") || !history.isArray() || history.isEmpty()) {
            return Optional.empty();
        }
        JsonNode last = history.get(history.size() - 1);
        if (!Attempt.countsAsFailure(last.path("outcome").asText()) || !last.path("node").isTextual()
                || !last.path("ended").isNumber()) {
            return Optional.empty();
        }
        return Optional.of(new Quarantine.Outcome(last.get("node").textValue(), name, id,
                last.path("attempt").asInt(0), false, seconds(last.get("ended"))));
    }

    private static Instant seconds(JsonNode epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds.asDouble() * 1000));
    }

    private void quarantine(Quarantine.Verdict verdict) {
        log.warn("node {} quarantined: {} — it takes no new work until 'dirt nodes release {}'", verdict.node(),
                verdict.reason(), verdict.node());
        marks.quarantined(verdict);
    }

    // ---- samples and probes, on the timer's threads

    private void sampleAll() {
        for (Node node : nodes.values()) {
            if (node.enabled() && node.unreachable().isEmpty()) {
                try {
                    sample(node.name());
                } catch (DirtException | IllegalArgumentException e) {
                    log.debug("could not sample node {}: {}", node.name(), e.getMessage());
                }
            }
        }
    }

    private void sample(NodeName node) {
        Samples.Sample.fromAgent(sessions.agent(node).sample(), clock.instant())
                .ifPresent(sample -> marks.sampled(node, sample, settings.minFreeDisk(), SAMPLE_EVERY.dividedBy(2)));
    }

    /**
     * Probes again the nodes whose last probe is older than {@code [serve] reprobe_every}, each over a new login (an
     * agent that has run for hours still has the environment and Java it started with); what changed in their facts
     * is recorded on their documents ({@link Drift}).
     */
    private void reprobeDue() {
        Instant now = clock.instant();
        List<Node> due = nodes.values().stream().filter(node -> node.enabled() && node.unreachable().isEmpty()
                && !now.isBefore(node.probed().orElse(Instant.EPOCH).plus(settings.reprobeEvery()))).toList();
        try {
            prober.probe(due.stream().map(Node::name).toList(), outcome -> {
                if (outcome.error().isPresent()) {
                    log.info("could not probe node {} again: {}", outcome.name(), outcome.error().get());
                    return;
                }
                List<String> drift = outcome.node().orElseThrow().factsChanged().stream()
                        .filter(change -> !change.when().isBefore(now)).map(Drift::describe).toList();
                if (!drift.isEmpty()) {
                    log.warn("node {}: its facts changed since the last probe: {}", outcome.name(), drift);
                }
            });
        } catch (DirtException e) {
            log.warn("probing the nodes again failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
