package dirt.serve.run;

import dirt.DirtException;
import dirt.config.CommandSettings;
import dirt.config.ServeSettings;
import dirt.json.JsonObject;
import dirt.node.NodeName;
import dirt.serve.ServeEvents;
import dirt.serve.ServerId;
import dirt.serve.writeback.Attempts;
import dirt.serve.writeback.Completion;
import dirt.serve.writeback.TaskWriter;
import dirt.task.Results;
import dirt.task.Task;
import dirt.transport.AgentClient;
import dirt.transport.AgentRefusedException;
import dirt.transport.RunOutcome;
import dirt.transport.RunRequest;
import dirt.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed tasks on their nodes, one worker thread each, and writes what happened back onto the task: completed,
 * or waiting again (a failure with tries left, or a lost node). Every write applies only while the task still shows
 * this run's attempt ({@link Attempts#isRunBy}); results are written even through a database outage.
 */
public final class Execution {
    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    /** A claimed task: the document as stored by the claim, where it runs, and which attempt it is. */
    public record Claim(Task task, NodeName node, int slot, int attempt) {
        String id() {
            return task.id().value();
        }
    }

    /** What a run reports when it ends: its node, whether the node was reached, and if not, why. */
    public interface Done {
        void finished(NodeName node, boolean reached, String unreachableReason);

        /** The task waits again (a failed try, a lost run): its document as written, before {@link #finished}. */
        default void requeued(JsonObject document) {
        }
    }

    private final NodeSessions sessions;
    private final TaskWriter writer;
    private final HeldSlots slots;
    private final ServeSettings serve;
    private final CommandSettings commands;
    private final List<String> taskEnvironment;
    private final Completion completion;
    private final ServerId me;
    private final ServeEvents events;
    private final Clock clock;
    private final Map<String, Claim> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean stopped;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dirt-run-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    public Execution(NodeSessions sessions, TaskWriter writer, HeldSlots slots, RunSettings settings, ServerId me,
            ServeEvents events, Clock clock) {
        this.sessions = sessions;
        this.writer = writer;
        this.slots = slots;
        this.serve = settings.serve();
        this.commands = settings.commands();
        this.taskEnvironment = settings.taskEnvironment();
        this.completion = new Completion(serve.maxResultsBytes());
        this.me = me;
        this.events = events;
        this.clock = clock;
    }

    public void start(Claim claim, Done done) {
        active.incrementAndGet();
        inFlight.put(claim.id(), claim);
        workers.execute(() -> {
            AtomicBoolean freed = new AtomicBoolean();
            Runnable free = () -> free(claim, done, freed, Optional.empty());
            Optional<String> unreachable = Optional.empty();
            try {
                unreachable = run(claim, done, free);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("running task {} on {} failed unexpectedly", claim.id(), claim.node(), e);
            } finally {
                inFlight.remove(claim.id());
                active.decrementAndGet();
                free(claim, done, freed, unreachable);
            }
        });
    }

    /**
     * Gives the claim's slot back and tells {@code done} whether the node was reached ({@code unreachable} says why
     * not), once per run: when the node answered that the task passed, or when the run ended.
     */
    private void free(Claim claim, Done done, AtomicBoolean freed, Optional<String> unreachable) {
        if (freed.compareAndSet(false, true)) {
            slots.park(claim.node(), claim.slot(), claim.id());
            done.finished(claim.node(), unreachable.isEmpty(), unreachable.orElse(""));
        }
    }

    /** Tries to reach a node that was down, on a worker thread; reports like a run. */
    public void check(NodeName node, Done done) {
        workers.execute(() -> {
            try {
                sessions.agent(node).ping();
                done.finished(node, true, "");
            } catch (DirtException e) {
                done.finished(node, false, e.getMessage());
            }
        });
    }

    public int active() {
        return active.get();
    }

    public boolean isRunning(String taskId) {
        return inFlight.containsKey(taskId);
    }

    /** Stops a run of this server on its node (a user cancelled the task, or its slot was lost); false if none. */
    public boolean cancel(String taskId) {
        Claim claim = inFlight.get(taskId);
        if (claim == null) {
            return false;
        }
        workers.execute(() -> {
            try {
                sessions.agent(claim.node()).cancel(taskId);
            } catch (DirtException e) {
                log.warn("could not cancel task {} on {}: {}", taskId, claim.node(), e.getMessage());
            }
        });
        return true;
    }

    /** Waits up to {@code grace} for the running tasks; returns whether they all ended. */
    public boolean awaitIdle(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return active.get() == 0;
    }

    /**
     * Hands every task still running back (waiting again, with a {@code handed_back} entry in its history), so that
     * it runs again here after a restart or on another server; what those runs report from now on is dropped.
     */
    public void handBack() {
        stopped = true;
        for (Claim claim : List.copyOf(inFlight.values())) {
            try {
                writer.updateRaw(claim.id(), current -> Attempts.isRunBy(current, me, claim.attempt())
                        ? Attempts.handedBack(current, "serve " + me.label() + " stopped", clock.instant()) : null);
                slots.release(claim.node(), claim.slot(), claim.id());
                log.info("{} ({}) handed back", claim.id(), claim.task().name().value());
            } catch (DirtException e) {
                log.error("could not hand back task {} (another server runs it again once this server's lease on"
                        + " its slot runs out): {}", claim.id(), e.getMessage());
            }
        }
    }

    public void shutdownNow() {
        workers.shutdownNow();
    }

    /**
     * Runs the claim; returns why the node could not be reached, when it could not. Once the node answered that the
     * task passed, {@code free} gives its slot back for the next task while the result is written (the run's end
     * time is taken before, so that a slot's runs never overlap in their documents); any other end frees it after
     * the write, as a failed try that runs again must be back in the backlog first.
     */
    private Optional<String> run(Claim claim, Done done, Runnable free) throws InterruptedException {
        AgentClient agent;
        try {
            agent = sessions.agent(claim.node());
        } catch (DirtException e) {
            String why = "node " + claim.node() + " is unreachable: " + e.getMessage();
            write(claim, done, current -> Attempts.handedBack(current, why, clock.instant()));
            return Optional.of(e.getMessage());
        }
        try {
            RunOutcome outcome = agent.run(request(claim.task())).get();
            Instant end = clock.instant();
            if (Results.fromJson(outcome.result()).success()) {
                free.run(); // a failed try waits to be written first: it goes ahead of tasks that never ran
            }
            ended(claim, outcome, end, done);
            return Optional.empty();
        } catch (ExecutionException | TransportException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (stopped) {
                // serve stopped and handed the task back; the agent, told to shut down, ended the run with it
                log.debug("{} ({}): the run ended with serve's stop: {}", claim.id(), claim.task().name().value(),
                        cause.getMessage());
                return Optional.empty();
            }
            if (cause instanceof AgentRefusedException) {
                failed(claim, done, "the agent on node " + claim.node() + " refused the task: " + cause.getMessage());
            } else if (cause instanceof TransportException) {
                sessions.broken(claim.node(), agent);
                String why = "node " + claim.node() + " was lost while the task ran: " + cause.getMessage();
                log.warn("{} ({}): {}", claim.id(), claim.task().name().value(), why);
                events.lost(claim.task().name().value(), ServeEvents.Lost.NODE);
                write(claim, done, current -> Attempts.lost(current, why, clock.instant(), serve.maxLost()));
                return Optional.of(cause.getMessage());
            } else {
                failed(claim, done, "could not run on node " + claim.node() + ": " + cause.getMessage());
            }
        } catch (DirtException e) {
            failed(claim, done, "could not run on node " + claim.node() + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private void ended(Claim claim, RunOutcome outcome, Instant end, Done done) throws InterruptedException {
        Task task = claim.task();
        JsonObject result = outcome.result();
        Results results = Results.fromJson(result);
        int tries = task.options().tries().orElse(serve.tries());
        boolean cancelled = result.bool("cancelled").orElse(false);
        Optional<JsonObject> written = write(claim, done, current -> {
            if (results.success() || cancelled || Attempts.failures(current) + 1 >= tries) {
                return completion.completed(Task.fromJson(current), results, outcome.attachments(), end);
            }
            JsonObject again = Attempts.retried(current, results, end,
                    task.options().retryDelay().orElse(serve.retryDelay()), tries);
            return Completion.withAttemptFiles(again, outcome.attachments(), claim.attempt());
        });
        if (written.isEmpty()) {
            log.info("{} ({}): attempt {} was given up meanwhile; its result is dropped", claim.id(),
                    task.name().value(), claim.attempt());
            return;
        }
        if (!written.get().has("completed")) {
            events.retried(task.name().value());
        }
        String reason = Results.shortReason(results.reason().orElse(""));
        String state = written.get().has("completed") ? (results.success() ? "passed" : "failed: " + reason)
                : "failed, tried again: " + reason;
        log.info("{} ({}) on {}: {}", claim.id(), task.name().value(), claim.node(), state);
    }

    private void failed(Claim claim, Done done, String reason) throws InterruptedException {
        log.warn("{} ({}) on {}: {}", claim.id(), claim.task().name().value(), claim.node(), reason);
        write(claim, done, current -> Completion.failed(Task.fromJson(current), reason, clock.instant()));
    }

    /**
     * Applies {@code change} while the task still shows this claim, through database outages unless stopped. A task
     * that waits again is handed to {@code done} at once, so that it goes ahead of tasks that never ran.
     */
    private Optional<JsonObject> write(Claim claim, Done done, UnaryOperator<JsonObject> change)
            throws InterruptedException {
        try {
            Optional<JsonObject> written = writer.updateDurably(claim.id(), Optional.of(claim.task().document()),
                    current -> Attempts.isRunBy(current, me, claim.attempt()) ? change.apply(current) : null,
                    () -> !stopped);
            written.filter(doc -> !doc.has("completed")).ifPresent(done::requeued);
            return written;
        } catch (DirtException e) {
            log.error("could not write onto task {} (it runs again once this server's lease on its slot runs out):"
                    + " {}", claim.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private RunRequest request(Task task) {
        return new RunRequest(task.id().value(), task.recordId().value(), task.name().value(),
                task.command().isPresent() ? Optional.empty() : Optional.of(sessions.taskJarName()),
                task.kwargs().orElse(JsonObject.EMPTY),
                task.command().map(command -> commands.line(command, task.kwargs().orElse(JsonObject.EMPTY))),
                task.options().timeout().orElse(serve.taskTimeout())).withEnvironment(taskEnvironment)
                .withCheck(task.check().map(check -> commands.line(check, task.kwargs().orElse(JsonObject.EMPTY))));
    }
}
