package dirt.serve.backlog;

import dirt.DirtException;
import dirt.document.Problem;
import dirt.json.JsonBoolean;
import dirt.json.JsonObject;
import dirt.node.NodeName;
import dirt.serve.writeback.Attempts;
import dirt.serve.writeback.Completion;
import dirt.serve.writeback.TaskWriter;
import dirt.store.Written;
import dirt.task.Results;
import dirt.task.Task;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's writes about tasks that do not run here: the end of a task that never starts (refused, cancelled,
 * skipped, invalid, a broadcast whose node runs all ended), a broadcast's node runs, and the cancel of a node run. Each
 * write applies only while the task has not started or completed meanwhile; a write that fails is logged, and the
 * task is decided again when its document is seen again.
 */
public final class TaskEnds {
    private static final Logger log = LoggerFactory.getLogger(TaskEnds.class);

    private final TaskWriter writer;
    private final Clock clock;

    public TaskEnds(TaskWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    /** A task that will not run: failed with {@code reason}, or cancelled when there is none. */
    public void notRun(Task task, Optional<String> reason) {
        log.info("{} ({}) {}", task.id().value(), task.name().value(), reason.map(r -> "failed: " + r)
                .orElse("cancelled before it started"));
        completeIfWaiting(task.id().value(), current -> reason.map(r -> Completion.failed(current, r, clock.instant()))
                .orElseGet(() -> Attempts.cancelledBeforeStart(current, clock.instant())));
    }

    /** A task whose {@code after} says it will never run: skipped, or failed (a cycle, a missing task). */
    public void after(Task task, After.Ends ends) {
        log.info("{} ({}) {}: {}", task.id().value(), task.name().value(), ends.skipped() ? "skipped" : "failed",
                ends.reason());
        Results failed = Results.failed(ends.reason());
        Results results = ends.skipped() ? failed.with("skipped", JsonBoolean.TRUE) : failed;
        completeIfWaiting(task.id().value(),
                current -> current.markCompleted(results, clock.instant()));
    }

    /** A broadcast whose node runs all ended. */
    public void broadcastDone(String id, String name, Results results) {
        log.info("{} ({}) ran on every node: {}", id, name, results.reason().orElse("passed"));
        completeIfWaiting(id, current -> current.markCompleted(results, clock.instant()));
    }

    /** A document that is not a valid task: failed, with every problem. */
    public void invalid(String id, List<Problem> problems) {
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

    /** Asks a broadcast's node run to stop, as {@code dirt cancel} does: its parent was cancelled. */
    public void cancel(String id) {
        try {
            writer.update(id, current -> current.completed().isPresent() || current.options().cancel() ? null
                    : current.toDocument().with("cancel", JsonBoolean.TRUE));
        } catch (DirtException e) {
            log.warn("could not cancel {} with its parent: {}", id, e.getMessage());
        }
    }

    /** Writes a broadcast's node runs, then names them on the parent (a run that exists already is kept). */
    public void fanOut(Task parent, List<NodeName> on, List<NodeName> unreachable) {
        log.info("{} ({}) runs on {}{}", parent.id().value(), parent.name().value(), on,
                unreachable.isEmpty() ? "" : "; unreachable, so left out: " + unreachable);
        try {
            for (Written written : writer.putAll(on.stream().map(node -> Broadcast.child(parent, node)).toList())) {
                if (!written.ok() && !written.conflict()) {
                    log.warn("could not write node run {}: {}", written.id(), written.problem().orElse("?"));
                    return;
                }
            }
            writer.update(parent.id().value(), current -> current.started().isPresent()
                    || current.completed().isPresent() || !current.serve().children().isEmpty() ? null
                    : Broadcast.fannedOut(current, on, unreachable));
        } catch (DirtException e) {
            log.warn("could not write the node runs of {}: {}", parent.id().value(), e.getMessage());
        }
    }

    private void completeIfWaiting(String id, Function<Task, JsonObject> end) {
        try {
            writer.update(id, current -> current.started().isPresent() || current.completed().isPresent() ? null
                    : end.apply(current));
        } catch (DirtException e) {
            log.warn("could not write the end of task {}: {}", id, e.getMessage());
        }
    }
}
