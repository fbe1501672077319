package dirt.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.DirtException;
import dirt.dispatch.Balancer;
import dirt.dispatch.NodeLoad;
import dirt.match.Matcher;
import dirt.match.Placement;
import dirt.match.Requirement;
import dirt.match.UnknownKey;
import dirt.match.WaitReason;
import dirt.document.Problem;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what runs where. Everything it knows (pending tasks, nodes, running counts) lives on its one thread and is
 * changed only by events, so no locks: a task or node document seen in the changes feed, a run that ended, a tick.
 * After each event it places every pending task it can: claim it (a {@code _rev}-guarded write; losing to another
 * server is fine), then hand it to {@link Execution} on a worker thread.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final Duration TICK = Duration.ofSeconds(5);

    private final TaskWriter writer;
        private final Balancer balancer;
    private final Admission admission;
    private final Execution execution;
    private final Clock clock;

    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final Map<String, Task> pending = new HashMap<>();
    private final Map<String, String> waitingReasons = new HashMap<>();
    private final Map<NodeName, Node> nodes = new TreeMap<>(Comparator.comparing(NodeName::value));
    private final Map<NodeName, Integer> running = new HashMap<>();
    private final DownNodes down = new DownNodes();
    private volatile boolean accepting = true;
    private volatile boolean settled;

    /** Whether this server can run a task at all: the problems that make it fail at once (unknown task, ...). */
    interface Admission {
        Optional<String> refusal(Task task);
    }

    Dispatcher(TaskWriter writer, Balancer balancer, Admission admission, Execution execution,
            Clock clock) {
        this.writer = writer;
        this.balancer = balancer;
        this.admission = admission;
        this.execution = execution;
        this.clock = clock;
    }

    // ---- events, from any thread

    void taskSeen(ObjectNode document) {
        events.add(() -> onTask(document));
    }

    void taskDeleted(String id) {
        events.add(() -> pending.remove(id));
    }

    void nodeSeen(Node node) {
        events.add(() -> nodes.put(node.name(), node));
    }

    void nodeDeleted(NodeName name) {
        events.add(() -> nodes.remove(name));
    }

    /** A run on {@code node} ended; {@code reached} says whether the node answered at all. */
    void finished(NodeName node, boolean reached, String unreachableReason) {
        events.add(() -> {
            running.merge(node, -1, Integer::sum);
            if (reached) {
                down.reached(node);
            } else {
                down.failed(node, unreachableReason, clock.instant());
                log.warn("node {} is unreachable, tried again with backoff: {}", node, unreachableReason);
            }
        });
    }

    /** Stops claiming new tasks; what runs goes on. */
    void stopAccepting() {
        accepting = false;
        events.add(() -> { });
    }

    /**
     * Whether nothing is left to do for now: no event waiting, nothing running, and every pending task waits for a
     * node that does not exist yet. Read from any thread; for {@code dirt serve --until-done}.
     */
    boolean settled() {
        return settled && events.isEmpty() && execution.active() == 0;
    }

    // ---- the loop

    /** Runs until interrupted: handles events, then places what it can. */
    void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Runnable event = events.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
                while (event != null) {
                    event.run();
                    event = events.poll();
                }
                placeAll();
                settled = events.isEmpty() && running.values().stream().allMatch(count -> count <= 0)
                        && waitingReasons.keySet().containsAll(pending.keySet());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("dispatching failed; going on with the next event", e);
            }
        }
    }

    private void onTask(ObjectNode document) {
        String id = document.path("_id").asText();
        if (document.has("started") || document.has("completed")) {
            pending.remove(id);
            return;
        }
        List<Problem> problems = Task.validate(document);
        if (!problems.isEmpty()) {
            pending.remove(id);
            failInvalid(id, problems);
            return;
        }
        Task task = Task.fromJson(document);
        Optional<String> refusal = admission.refusal(task);
        if (refusal.isPresent()) {
            pending.remove(id);
            fail(task, refusal.get());
            return;
        }
        pending.put(id, task);
    }

    private void placeAll() {
        if (!accepting || pending.isEmpty()) {
            return;
        }
        java.time.Instant now = clock.instant();
        List<Node> known = nodes.values().stream().filter(node -> !down.isDown(node.name(), now)).toList();
        List<NodeName> unreachable = nodes.keySet().stream().filter(name -> down.isDown(name, now)).toList();
        List<Task> queue = new ArrayList<>(pending.values());
        queue.sort(Comparator.comparing((Task task) -> task.created().orElse(java.time.Instant.EPOCH))
                .thenComparing(task -> task.id().value()));
        // Which nodes match depends only on the requirements: place each distinct list once per pass.
        Map<List<Requirement>, Placement> placements = new HashMap<>();
        for (Task task : queue) {
            place(task, placements.computeIfAbsent(task.requires(), requires -> Matcher.place(requires, known)),
                    unreachable);
        }
    }

    private void place(Task task, Placement placement, List<NodeName> unreachable) {
        String id = task.id().value();
        if (placement instanceof UnknownKey unknown) {
            pending.remove(id);
            fail(task, unknown.message());
        } else if (placement instanceof WaitReason waiting) {
            noteWaiting(task, unreachable.isEmpty() ? waiting.summary()
                    : waiting.summary() + " — unreachable, retried with backoff: " + down.describe(unreachable));
        } else if (placement instanceof Placement.Ready matching) {
            List<NodeLoad> loads = matching.nodes().stream()
                    .map(node -> new NodeLoad(node, running.getOrDefault(node.name(), 0))).toList();
            balancer.choose(loads).ifPresent(node -> claimAndRun(task, node));
        }
    }

    private void claimAndRun(Task task, Node node) {
        String id = task.id().value();
        pending.remove(id);
        waitingReasons.remove(id);
        ObjectNode claimed = task.markStarted(node.name(), clock.instant());
        claimed.remove("waiting");
        Optional<ObjectNode> stored = writer.claim(claimed);
        if (stored.isEmpty()) {
            log.debug("task {} was claimed or changed by someone else", id);
            return;
        }
        running.merge(node.name(), 1, Integer::sum);
        log.info("{} ({}, record {}) -> {}", id, task.name().value(), task.recordId().value(), node.name());
        execution.start(Task.fromJson(stored.get()), node.name(), this::finished);
    }

    private void noteWaiting(Task task, String reason) {
        String id = task.id().value();
        if (reason.equals(waitingReasons.get(id)) || reason.equals(task.document().path("waiting").asText(null))) {
            waitingReasons.put(id, reason);
            return;
        }
        waitingReasons.put(id, reason);
        log.info("{} ({}) waits: {}", id, task.name().value(), reason);
        try {
            writer.update(id, current -> current.started().isPresent() ? null
                    : withWaiting(current.document(), reason));
        } catch (DirtException e) {
            log.warn("could not note why task {} waits: {}", id, e.getMessage());
        }
    }

    private static ObjectNode withWaiting(ObjectNode document, String reason) {
        document.put("waiting", reason);
        return document;
    }

    private void fail(Task task, String reason) {
        log.info("{} ({}) failed: {}", task.id().value(), task.name().value(), reason);
        try {
            writer.update(task.id().value(), current -> current.started().isPresent() || current.completed().isPresent()
                    ? null : Completion.failed(current, reason, clock.instant()));
        } catch (DirtException e) {
            log.warn("could not write the failure of task {}: {}", task.id().value(), e.getMessage());
        }
    }

    private void failInvalid(String id, List<Problem> problems) {
        log.info("{} is not a valid task: {}", id, problems);
        try {
            writer.updateRaw(id, current -> {
                List<Problem> now = Task.validate(current);
                boolean handled = current.has("completed") || current.has("started") || now.isEmpty();
                return handled ? null : Task.markInvalid(current, now, clock.instant());
            });
        } catch (DirtException e) {
            log.warn("could not write why task {} is invalid: {}", id, e.getMessage());
        }
    }
}
