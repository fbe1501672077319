package dirt.serve.run;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.config.NodeHealthSettings;
import dirt.document.DocumentReader;
import dirt.farm.NodeProber;
import dirt.health.Quarantine;
import dirt.health.Samples;
import dirt.node.Drift;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.serve.writeback.Attempts;
import dirt.task.Attempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the nodes' health for serve: quarantines a node that fails what passes elsewhere ({@link Quarantine}, fed
 * by every try seen in the changes feed, whichever server ran it), samples each node's load, memory and free disk
 * through its agent every {@link #SAMPLE_EVERY} ({@link Samples}; a nearly full disk marks the node
 * {@code disk_full}), and probes every node again every {@code [serve] reprobe_every}, which records any drift in its
 * facts. Everything it decides is written onto the node documents, which the dispatcher and the notifier follow.
 */
public final class NodeHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    static final Duration FIRST_SAMPLE = Duration.ofSeconds(2);
    static final Duration WRITE_EVERY = Duration.ofMinutes(5);
    /** Nodes sampled at once. */
    static final int SAMPLERS = 4;
    static final Duration PROBE_CHECK_EVERY = Duration.ofMinutes(1);

    private final NodeMarks marks;
    private final NodeHealthSettings settings;
    private final NodeSessions sessions;
    private final NodeProber prober;
    private final Clock clock;
    private final Quarantine quarantine;
    private final Map<NodeName, Node> nodes = new ConcurrentHashMap<>();
    /** Samples taken and not written yet, and when each node's were last written. */
    private final Map<NodeName, List<Samples.Sample>> unwritten = new ConcurrentHashMap<>();
    private final Map<NodeName, Instant> written = new ConcurrentHashMap<>();
    private final ExecutorService samplers = Executors.newFixedThreadPool(SAMPLERS, runnable -> {
        Thread thread = new Thread(runnable, "dirt-node-sample");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "dirt-node-health");
        thread.setDaemon(true);
        return thread;
    });

    /** @param prober probes a node over a new login, as {@code dirt updatenodes} does, and stores what it found */
    public NodeHealth(NodeMarks marks, NodeHealthSettings settings, NodeSessions sessions, NodeProber prober,
            Clock clock) {
        this.marks = marks;
        this.settings = settings;
        this.sessions = sessions;
        this.prober = prober;
        this.clock = clock;
        this.quarantine = new Quarantine(settings.quarantineFailures(), settings.quarantineWindow());
    }

    /** Samples soon after the start, then every {@link #SAMPLE_EVERY}; looks for nodes due for a probe every minute. */
    public void start() {
        timer.scheduleWithFixedDelay(this::sampleAll, FIRST_SAMPLE.toMillis(), SAMPLE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        long probeCheck = Math.min(PROBE_CHECK_EVERY.toMillis(), settings.reprobeEvery().toMillis());
        timer.scheduleWithFixedDelay(this::reprobeDue, probeCheck, probeCheck, TimeUnit.MILLISECONDS);
    }

    // ---- quarantine, from the changes feed's thread

    /**
     * A task document seen in the feed: every try it shows ended counts for or against its node (each once, however
     * often the document is seen).
     */
    public void taskSeen(JsonObject doc) {
        if (!doc.has(Attempts.HISTORY) && !doc.has("completed")) {
            return; // no try of it ended: nothing to count
        }
        List<Quarantine.Outcome> outcomes = tryOutcomes(doc);
        if (outcomes.isEmpty()) {
            return;
        }
        List<Quarantine.Verdict> verdicts = new ArrayList<>();
        synchronized (quarantine) {
            outcomes.forEach(outcome -> verdicts.addAll(quarantine.seen(outcome, clock.instant())));
        }
        verdicts.forEach(this::quarantine);
    }

    public void nodeSeen(Node node) {
        nodes.put(node.name(), node);
        Optional<Instant> released = new DocumentReader(node.document()).epochSeconds(Node.RELEASED);
        synchronized (quarantine) {
            quarantine.nodeState(node.name().value(), node.quarantined().isPresent(), released);
        }
    }

    public void nodeDeleted(NodeName name) {
        nodes.remove(name);
        synchronized (quarantine) {
            quarantine.forget(name.value());
        }
    }

    /**
     * The tries a task document shows ended: each failed try in its {@code history} (the feed may skip the revision
     * that showed one, when the task was claimed again at once), and a completed task's last try (not one cancelled,
     * skipped, lost or invalid).
     */
    static List<Quarantine.Outcome> tryOutcomes(JsonObject doc) {
        String id = doc.id().orElse("");
        String name = doc.string("name").orElse("");
        List<Quarantine.Outcome> outcomes = new ArrayList<>();
        if (name.isEmpty()) {
            return outcomes;
        }
        for (Json item : doc.array(Attempts.HISTORY).orElse(JsonArray.EMPTY)) {
            if (!(item instanceof JsonObject entry)) {
                continue;
            }
            Optional<Instant> ended = new DocumentReader(entry).epochSeconds("ended");
            Optional<String> node = entry.string("node");
            if (Attempt.countsAsFailure(entry.string("outcome").orElse("")) && node.isPresent()
                    && ended.isPresent()) {
                outcomes.add(new Quarantine.Outcome(node.get(), name, id, Attempts.attempt(entry), false,
                        ended.get()));
            }
        }
        JsonObject results = doc.object("results").orElse(JsonObject.EMPTY);
        Optional<Instant> completed = new DocumentReader(doc).epochSeconds("completed");
        Optional<String> node = doc.string("node");
        boolean ran = completed.isPresent() && doc.number("started").isPresent() && node.isPresent()
                && !flag(results, "cancelled") && !flag(results, "skipped") && !flag(results, "lost")
                && !flag(results, "invalid");
        if (ran) {
            outcomes.add(new Quarantine.Outcome(node.get(), name, id, Attempts.attempt(doc),
                    flag(results, "success"), completed.get()));
        }
        return outcomes;
    }

    private static boolean flag(JsonObject results, String field) {
        return results.bool(field).orElse(false);
    }

    /**
     * Quarantines the verdict's node, unless that would leave fewer than half of the enabled nodes taking work: a
     * task that fails on several nodes for its own reasons (bad input, flaky) must not take the farm down node by
     * node. That case is logged instead.
     */
    private void quarantine(Quarantine.Verdict verdict) {
        List<Node> enabled = nodes.values().stream().filter(Node::enabled).toList();
        long off = enabled.stream().filter(node -> node.offWork().isPresent()).count();
        if ((off + 1) * 2 > enabled.size()) {
            log.warn("node {} fails what passes elsewhere ({}), but quarantining it would leave fewer than half of the"
                    + " {} enabled node(s) taking work: left in service", verdict.node(), verdict.reason(),
                    enabled.size());
            return;
        }
        marks.quarantined(verdict, settings.quarantineFailures());
    }

    // ---- samples and probes, on the timer's threads

    /**
     * Samples every enabled node that is not marked unreachable, a few at a time, so that one whose login hangs does
     * not hold up the others (a node with no agent yet gets one: its disk must be known before it is given work).
     * Never throws: a timer job that throws is not run again.
     */
    private void sampleAll() {
        List<CompletableFuture<Void>> samples = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (node.enabled() && node.unreachable().isEmpty()) {
                samples.add(CompletableFuture.runAsync(() -> {
                    try {
                        sample(node.name());
                    } catch (RuntimeException e) {
                        log.info("could not sample node {}: {}", node.name(), e.getMessage());
                    }
                }, samplers));
            }
        }
        try {
            CompletableFuture.allOf(samples.toArray(CompletableFuture[]::new))
                    .get(SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.info("sampling the nodes took longer than {} s; the slow ones are sampled when they answer",
                    SAMPLE_EVERY.toSeconds());
        }
    }

    /**
     * Takes a sample and keeps it; writes what it kept onto the node's document when this server has written none
     * yet, every {@link #WRITE_EVERY}, or at once when the sample changes whether the disk is full. A document written
     * per sample would make every server re-place its backlog, and a pouchdb-server database grow, every 30 s.
     */
    private void sample(NodeName node) {
        Optional<Samples.Sample> sample = Samples.Sample.fromAgent(sessions.agent(node).sample(),
                clock.instant());
        if (sample.isEmpty()) {
            return;
        }
        List<Samples.Sample> kept = unwritten.computeIfAbsent(node, name -> new ArrayList<>());
        Node known = nodes.get(node);
        boolean marked = known != null && known.document().has(Node.DISK_FULL);
        boolean fullChanged = Samples.diskFull(sample.get(), settings.minFreeDisk(), marked).isPresent() != marked;
        synchronized (kept) {
            kept.add(sample.get());
            Instant last = written.get(node);
            if (last == null || fullChanged || !clock.instant().isBefore(last.plus(WRITE_EVERY))) {
                marks.sampled(node, List.copyOf(kept), settings.minFreeDisk());
                kept.clear();
                written.put(node, clock.instant());
            }
        }
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
        } catch (RuntimeException e) {
            log.warn("probing the nodes again failed; trying again in a minute: {}", e.toString());
        }
    }

    /** Stops sampling and probing, and waits (a little) for a sample under way, which may be opening a session. */
    @Override
    public void close() {
        timer.shutdownNow();
        samplers.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            samplers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
