package dirt.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Java task on one worker ({@link JavaTask}): writes the hand-off request, sends it, waits until the task reported
 * (its end mark), the worker exited, the timeout passed or the run was cancelled; then ends what the task left running
 * (or the whole worker), and reads what came back. Afterwards, {@link #clean()} says whether the worker may run
 * another task.
 */
final class JavaRun {
    private final RunSpec spec;
    private final Worker worker;
    private final Path runDir;
    private final Runs.Handle handle;
    private final Clock clock;
    private final Limits limits;
    private final JavaHandoff handoff;
    private final String taskMarker = TaskEnvironment.marker();
    private boolean clean;

    JavaRun(RunSpec spec, Worker worker, Path runDir, Runs.Handle handle, Clock clock, Limits limits) {
        this.spec = spec;
        this.worker = worker;
        this.runDir = runDir;
        this.handle = handle;
        this.clock = clock;
        this.limits = limits;
        this.handoff = new JavaHandoff(runDir.resolve(JavaHandoff.FOLDER));
    }

    /**
     * Runs the task with {@code environment} (without its {@code DIRT_RUN_ID}, added here) in {@code workDir}, and
     * adds what comes back to {@code attachments}.
     */
    TaskEnd run(Map<String, String> environment, Path jar, List<Path> libs, Path workDir,
            Attachments attachments) throws IOException, InterruptedException {
        environment.put(TaskEnvironment.RUN_ID, taskMarker);
        String endMark = "\0dirt-task-end " + TaskEnvironment.marker() + "\n";
        handoff.writeRequest(new JavaHandoff.Request(spec.taskId(), spec.recordId(), spec.name(), jar, libs,
                spec.kwargs(), workDir, limits.maxBytesEach(), environment, endMark));
        Worker.Output output = worker.send(handoff, runDir.resolve(TaskProcess.STDOUT),
                runDir.resolve(TaskProcess.STDERR), limits.maxBytesEach(), endMark);
        Runs.Ending ending = await(output);
        Instant completed = clock.instant();
        boolean reported = ending == Runs.Ending.ENDED && output.stdout().ended().getNow(false);
        if (reported && Files.exists(handoff.processesNote())) {
            worker.endLeftovers(taskMarker);
        } else if (!reported) {
            worker.kill(taskMarker);
        }
        boolean outputEnded = finish(output);
        Map<String, Object> fields = switch (ending) {
            case ENDED -> reported ? reportedResult(attachments) : exited(attachments);
            case TIMED_OUT -> flag(TaskEnd.failure("timed out after " + spec.timeoutText()), "timed_out");
            case CANCELLED -> flag(TaskEnd.failure("cancelled"), "cancelled");
        };
        Path log = handoff.log();
        if (!attachments.contains(JavaTask.LOG) && Files.isRegularFile(log) && Files.size(log) > 0) {
            attachments.add(JavaTask.LOG, "log", log);
        }
        attachOutput(attachments, TaskProcess.STDOUT, "stdout", output.stdout());
        attachOutput(attachments, TaskProcess.STDERR, "stderr", output.stderr());
        clean = reported && outputEnded && !Files.exists(handoff.unfitNote());
        return new TaskEnd(fields, completed);
    }

    /** Whether the worker may run another task. */
    boolean clean() {
        return clean;
    }

    /** Waits until the task reported (its end mark on standard output), the worker exited, or the run must end. */
    private Runs.Ending await(Worker.Output output) throws InterruptedException {
        try {
            return handle.await(CompletableFuture.anyOf(output.stdout().ended(), worker.process().onExit()),
                    spec.timeout());
        } catch (InterruptedException e) {
            worker.kill(taskMarker);
            throw e;
        }
    }

    /** Waits for the end of both parts of the output; false (and stops waiting) if either does not end. */
    private boolean finish(Worker.Output output) throws InterruptedException {
        boolean ended = true;
        for (WorkerOutput.Segment part : List.of(output.stdout(), output.stderr())) {
            try {
                ended &= part.ended().get(TaskProcess.OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                ended = false;
            }
        }
        if (!ended) {
            worker.abandon(output);
        }
        return ended;
    }

    /** The result the task reported. */
    private Map<String, Object> reportedResult(Attachments attachments) throws IOException {
        try {
            Optional<Map<String, Object>> reported = handoff.readResult(attachments);
            if (reported.isPresent()) {
                return reported.get();
            }
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            return TaskEnd.failure(String.format("task \"%s\": the result its JVM reported cannot be read: %s —"
                    + " did the task write into %s?", spec.name(), e, handoff.folder()));
        }
        return TaskEnd.failure(String.format("task \"%s\": its JVM reported no result", spec.name()));
    }

    /** Why the worker reported no result: it exited. */
    private Map<String, Object> exited(Attachments attachments) throws IOException, InterruptedException {
        Process process = worker.process();
        int exitCode = process.waitFor(TaskProcess.EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                ? process.exitValue() : -1;
        Optional<String> exitNote = handoff.readExitNote();
        if (exitNote.isPresent()) {
            Map<String, Object> result = TaskEnd.failure(String.format("task \"%s\" called System.exit(%d) —"
                    + " return Result.failure(reason) instead: System.exit ends the task's JVM", spec.name(),
                    exitCode));
            result.put(TaskRunner.STACK_TRACE, exitNote.get());
            return result;
        }
        if (exitCode > 128 && exitCode < 128 + 65) {
            return TaskEnd.failure(String.format("task \"%s\": its JVM was killed by signal %d before it reported"
                    + " a result — see stderr.txt; was the node out of memory?", spec.name(), exitCode - 128));
        }
        return TaskEnd.failure(String.format("task \"%s\": its JVM exited with code %d before it reported a"
                + " result — see stderr.txt", spec.name(), exitCode));
    }

    private void attachOutput(Attachments attachments, String name, String linkName,
            WorkerOutput.Segment part) {
        Path file = runDir.resolve(name);
        if (part.total() == 0 || !Files.exists(file) || attachments.contains(name)) {
            return;
        }
        attachments.add(name, linkName, file);
        if (part.truncated()) {
            attachments.truncatedBefore(name);
        }
    }

    private static Map<String, Object> flag(Map<String, Object> result, String key) {
        result.put(key, true);
        return result;
    }
}
