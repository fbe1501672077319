package dirt.agent;

import dirt.api.Task;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a Java task from a task jar in the agent's folder in a warm worker JVM ({@link WorkerPool}, {@link WorkerMain}),
 * one task at a time per worker. The task's work folder is a link to the worker's current directory, so relative
 * paths and the processes the task starts land in it. The task's result comes back through files
 * ({@link JavaHandoff}); what it prints, up to its end mark, as {@code stdout.txt} and {@code stderr.txt}. A timeout or
 * a cancel ends the worker and every process the task started; a task that calls {@code System.exit} ends only its
 * worker and fails. After a task that ended cleanly, the processes it left running are ended and the worker's folder
 * emptied; the worker runs the next task unless the task left threads running or changed JVM-wide state
 * ({@link JvmState}).
 *
 * <p>What comes back: the task's attachments ({@code Result.attach}), its {@code context.log} lines as {@code log.txt}
 * (link {@code log}), then what it printed to standard output and error as {@code stdout.txt} and {@code stderr.txt}
 * (links {@code stdout}, {@code stderr}) when it printed anything there — each unless the task attached a file of that
 * name itself.
 */
final class JavaTask {
    static final String LOG = "log.txt";

    private final Clock clock;
    private final Limits limits;
    private final WorkerPool workers;
    private final Consumer<String> log;

    JavaTask(Clock clock, Limits limits, WorkerPool workers, Consumer<String> log) {
        this.clock = clock;
        this.limits = limits;
        this.workers = workers;
        this.log = log;
    }

    /**
     * Runs {@code spec}'s task from {@code jar} (with {@code libs}) in {@code workDir} (made here: a link to the
     * worker's folder), its output and hand-off files in {@code runDir}, and adds what comes back to
     * {@code attachments}.
     */
    TaskEnd run(RunSpec spec, Path jar, List<Path> libs, Path runDir, Path workDir, Runs.Handle handle,
            Attachments attachments) throws IOException, InterruptedException {
        Map<String, String> named = TaskEnvironment.named(spec);
        Worker worker;
        try {
            worker = workers.take(named);
        } catch (IllegalStateException e) {
            return new TaskEnd(TaskEnd.failure(String.format("task \"%s\" cannot start: the agent cannot find its own"
                    + " jar for the task's JVM: %s — start the agent with 'java -jar'", spec.name(), e.getMessage())),
                    clock.instant());
        } catch (IOException e) {
            return new TaskEnd(TaskEnd.failure(String.format("task \"%s\" cannot start: its JVM does not start:"
                    + " java=\"%s\" cause=\"%s\" — check the node's Java installation", spec.name(), java(),
                    e.getMessage())), clock.instant());
        }
        WorkerRun run = new WorkerRun(spec, worker, runDir, handle);
        boolean reusable = false;
        try {
            Files.createSymbolicLink(workDir, worker.folder());
            Map<String, String> environment = new LinkedHashMap<>(named);
            environment.putAll(TaskEnvironment.dirt(spec, runDir));
            TaskEnd end = run.run(environment, jar, libs, workDir, attachments);
            reusable = run.clean();
            return end;
        } finally {
            if (reusable && !emptied(worker.folder())) {
                reusable = false;
            }
            workers.giveBack(worker, reusable);
        }
    }

    /** One task on one worker: send, wait, end what it left, read what came back. */
    private final class WorkerRun {
        private final RunSpec spec;
        private final Worker worker;
        private final Path runDir;
        private final Runs.Handle handle;
        private final JavaHandoff handoff;
        private final String taskMarker = TaskEnvironment.marker();
        private boolean clean;

        WorkerRun(RunSpec spec, Worker worker, Path runDir, Runs.Handle handle) {
            this.spec = spec;
            this.worker = worker;
            this.runDir = runDir;
            this.handle = handle;
            this.handoff = new JavaHandoff(runDir.resolve(JavaHandoff.FOLDER));
        }

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
            if (!attachments.contains(LOG) && Files.isRegularFile(handoff.log()) && Files.size(handoff.log()) > 0) {
                attachments.add(LOG, "log", handoff.log());
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
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
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
    }

    private static Map<String, Object> flag(Map<String, Object> result, String key) {
        result.put(key, true);
        return result;
    }

    /** Empties a worker's folder after a task; false if something in it cannot be removed. */
    private boolean emptied(Path folder) {
        try (var entries = Files.list(folder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Folders.delete(entry, log);
            }
        } catch (IOException e) {
            return false;
        }
        try (var left = Files.list(folder)) {
            return left.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The agent's own {@code java}: {@code $java.home/bin/java}, else this process's command. */
    static Path java() {
        Path inHome = Path.of(System.getProperty("java.home"), "bin",
                File.separatorChar == '\\' ? "java.exe" : "java");
        if (Files.isExecutable(inHome)) {
            return inHome;
        }
        return ProcessHandle.current().info().command().map(Path::of).orElse(inHome);
    }

    /**
     * Where the agent's classes and the task API are: the agent's jar (the API is shaded in), or, when the agent runs
     * from class folders (its tests), those folders.
     *
     * @throws IllegalStateException when a location is unknown
     */
    static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(location(WorkerMain.class));
        entries.add(location(Task.class));
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null) {
                return Path.of(source.getLocation().toURI()).toString();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalStateException(String.format("the classes of %s are not in a jar or a folder"
                + " (location=\"%s\")", type.getName(), source == null ? null : source.getLocation()));
    }
}
