package dirt.cli;

import dirt.json.JsonObject;
import dirt.store.Store;
import dirt.task.TaskTally;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits until a group of tasks has completed, for {@code dirt wait} and {@code dirt post --wait}. It looks at the
 * tasks again whenever the database's changes feed reports a change (and every few seconds regardless), so it
 * notices the end at once without polling hard.
 */
final class TaskWait {
    /** How the wait ended. */
    enum Outcome {
        PASSED(ExitCodes.OK),
        FAILED(ExitCodes.FAILED),
        TIMED_OUT(ExitCodes.TIMEOUT);

        final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private static final Duration POLL = Duration.ofSeconds(5);
    /** How long nothing may move before the wait says why the tasks left wait. */
    static final Duration STALLED_AFTER = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMillis(200);

    private final Store store;
    private TaskTally last = TaskTally.ofDocuments(List.of());

    TaskWait(Store store) {
        this.store = store;
    }

    /** The counts seen last. */
    TaskTally last() {
        return last;
    }

    /**
     * Waits until every task {@code tasks} returns (asked again on each change) has completed, or {@code timeout}
     * passed, reporting the counts to {@code progress} as they change.
     */
    Outcome await(Supplier<List<JsonObject>> tasks, Progress progress, Duration timeout) throws InterruptedException {
        return await(tasks, progress, timeout, STALLED_AFTER);
    }

    Outcome await(Supplier<List<JsonObject>> tasks, Progress progress, Duration timeout, Duration stalledAfter)
            throws InterruptedException {
        Semaphore changed = new Semaphore(0);
        long movedAt = System.nanoTime();
        String lastCounts = "";
        List<String> told = List.of();
        var now = store.now();
        long deadline = System.nanoTime() + timeout.toNanos();
        var feed = store.follow(now, change -> changed.release());
        try {
            while (true) {
                changed.drainPermits();
                List<JsonObject> docs = tasks.get();
                last = TaskTally.ofDocuments(docs);
                progress.update(last);
                if (last.finished()) {
                    return last.unsuccessful() == 0 ? Outcome.PASSED : Outcome.FAILED;
                }
                String counts = Progress.line("", last);
                if (!counts.equals(lastCounts)) {
                    lastCounts = counts;
                    movedAt = System.nanoTime();
                } else if (System.nanoTime() - movedAt >= stalledAfter.toNanos()) {
                    List<String> reasons = waitingReasons(docs);
                    if (!reasons.equals(told)) {
                        progress.stalled(reasons);
                        told = reasons;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Outcome.TIMED_OUT;
                }
                if (changed.tryAcquire(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS)) {
                    TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
                }
            }
        } finally {
            feed.close();
        }
    }

    /** Why each task that waits waits: {@code ID (NAME): REASON}, the first ten. */
    static List<String> waitingReasons(List<JsonObject> docs) {
        return docs.stream().map(TaskLine::of).filter(line -> line.status() == dirt.task.TaskStatus.WAITING)
                .limit(10).map(line -> line.id() + " (" + line.name() + "): "
                        + line.reason().orElse("not taken up yet — is 'dirt serve' running?")).toList();
    }

    /** For {@code post --wait}: waits for the tasks with these ids; prints failures and returns the exit code. */
    static int await(CliContext cli, Store store, List<String> taskIds, Duration timeout)
            throws InterruptedException {
        var wait = new TaskWait(store);
        var lookup = new TaskLookup(store);
        Outcome outcome;
        try (Progress progress = Progress.of("", cli.terminal(), cli.out())) {
            outcome = wait.await(() -> taskIds.stream().flatMap(id -> lookup.document(id).stream()).toList(),
                    progress, timeout);
        }
        if (outcome != Outcome.TIMED_OUT) {
            cli.out().printf("posted tasks: %s%n", wait.last().describe());
        }
        return report(cli, outcome, wait.last(), () -> taskIds.stream()
                .flatMap(id -> lookup.document(id).stream()).toList(), timeout);
    }

    /** Prints why tasks failed, or what still runs after a timeout, and returns the outcome's exit code. */
    static int report(CliContext cli, Outcome outcome, TaskTally tally, Supplier<List<JsonObject>> tasks,
            Duration timeout) {
        List<TaskLine> lines = tasks.get().stream().map(TaskLine::of).toList();
        if (outcome == Outcome.TIMED_OUT) {
            // serve notes why a task waits, and starts it: when no open task shows either, serve may not be running
            boolean untouched = lines.stream().filter(line -> !line.status().isCompleted()).noneMatch(
                    line -> line.status() == dirt.task.TaskStatus.RUNNING || line.reason().isPresent());
            cli.err().printf("dirt: gave up waiting after %d s: %s%s. Not done yet:%n", timeout.toSeconds(),
                    Progress.line("", tally), untouched ? " — is 'dirt serve' running?" : "");
            lines.stream().filter(line -> !line.status().isCompleted()).forEach(line -> cli.err().printf(
                    "dirt:   task %s (%s) %s%s%n", line.id(), line.name(), line.word(),
                    line.reason().map(r -> ": " + r).orElse("")));
        } else {
            lines.stream().filter(line -> line.status().isCompleted() && line.status() != dirt.task.TaskStatus.PASSED)
                    .forEach(line -> cli.err().printf("dirt: task %s (%s) %s: %s%n", line.id(), line.name(),
                            line.word(), line.reason().orElse("no reason given")));
        }
        cli.err().flush();
        return outcome.exitCode;
    }
}
