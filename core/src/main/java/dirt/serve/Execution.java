package dirt.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dirt.DirtException;
import dirt.document.DocumentWriter;
import dirt.node.NodeName;
import dirt.task.Task;
import dirt.transport.AgentClient;
import dirt.transport.RunOutcome;
import dirt.transport.RunRequest;
import dirt.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs claimed tasks on their nodes, one worker thread each, and writes what happened back onto the task. */
final class Execution {
    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final NodeSessions sessions;
    private final TaskWriter writer;
    private final Completion completion;
    private final Duration taskTimeout;
    private final Clock clock;
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, Task> inFlight = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dirt-run-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    Execution(NodeSessions sessions, TaskWriter writer, Completion completion, Duration taskTimeout, Clock clock) {
        this.sessions = sessions;
        this.writer = writer;
        this.completion = completion;
        this.taskTimeout = taskTimeout;
        this.clock = clock;
    }

    /** What a run reports when it ends: its node, whether the node was reached, and if not, why. */
    interface Done {
        void finished(NodeName node, boolean reached, String unreachableReason);
    }

    void start(Task task, NodeName node, Done done) {
        active.incrementAndGet();
        inFlight.put(task.id().value(), task);
        workers.execute(() -> {
            Optional<String> unreachable = Optional.empty();
            try {
                unreachable = run(task, node);
            } finally {
                inFlight.remove(task.id().value());
                active.decrementAndGet();
                done.finished(node, unreachable.isEmpty(), unreachable.orElse(""));
            }
        });
    }

    int active() {
        return active.get();
    }

    /** Waits up to {@code grace} for the running tasks; returns whether they all ended. */
    boolean awaitIdle(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return active.get() == 0;
    }

    /**
     * Resets every task still running to waiting ({@code started} and {@code node} removed) so that it runs again,
     * here after a restart or on another server; what those runs report from now on is dropped.
     */
    void handBack() {
        stopping = true;
        for (Task task : List.copyOf(inFlight.values())) {
            handBack(task, "serve stopped");
        }
    }

    /** Resets the task to waiting so that it runs again, on this node later or on another. */
    private void handBack(Task task, String why) {
        try {
            writer.updateRaw(task.id().value(), current -> current.has("completed") ? null
                    : DocumentWriter.copyOf(current).remove("started").remove("node").toJson());
            log.info("{} ({}) handed back: {}", task.id().value(), task.name().value(), why);
        } catch (DirtException e) {
            log.error("could not hand back task {}: {}", task.id().value(), e.getMessage());
        }
    }

    void shutdownNow() {
        workers.shutdownNow();
    }

    /** Runs the task; returns why the node could not be reached, when it could not (the task is then handed back). */
    private Optional<String> run(Task task, NodeName node) {
        String id = task.id().value();
        AgentClient agent;
        try {
            agent = sessions.agent(node);
        } catch (TransportException e) {
            handBack(task, "node " + node + " is unreachable: " + e.getMessage());
            return Optional.of(e.getMessage());
        }
        try {
            RunOutcome outcome = agent.run(request(task)).get();
            if (stopping) {
                return Optional.empty();
            }
            writer.update(id, current -> completion.completed(current, outcome, clock.instant()));
            log.info("{} ({}) on {}: {}", id, task.name().value(), node,
                    outcome.result().path("success").asBoolean(false) ? "passed"
                            : "failed: " + outcome.result().path("reason").asText(""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TransportException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof TransportException) {
                sessions.broken(node, agent);
            }
            failed(task, node, "could not run on node " + node + ": " + cause.getMessage());
        } catch (DirtException e) {
            failed(task, node, "could not run on node " + node + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("running task {} on {} failed unexpectedly", id, node, e);
            failed(task, node, "internal error in dirt serve: " + e);
        }
        return Optional.empty();
    }

    private void failed(Task task, NodeName node, String reason) {
        if (stopping) {
            return;
        }
        log.warn("{} ({}) on {}: {}", task.id().value(), task.name().value(), node, reason);
        try {
            writer.update(task.id().value(), current -> current.completed().isPresent() ? null
                    : Completion.failed(current, reason, clock.instant()));
        } catch (DirtException e) {
            log.error("could not write the failure of task {}: {}", task.id().value(), e.getMessage());
        }
    }

    private RunRequest request(Task task) {
        return new RunRequest(task.id().value(), task.recordId().value(), task.name().value(),
                task.command().isPresent() ? Optional.empty() : Optional.of(sessions.taskJarName()),
                task.kwargs().orElseGet(JsonNodeFactory.instance::objectNode), task.command(), taskTimeout);
    }
}
