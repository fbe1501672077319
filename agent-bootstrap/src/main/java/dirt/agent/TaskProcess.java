package dirt.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The process of a command: started in the task's folder with standard input closed and the run's environment
 * ({@link TaskEnvironment}); its standard output and error captured into {@code stdout.txt} and {@code stderr.txt}
 * beside the folder. When it exits, times out or is cancelled, everything it started is ended (see
 * {@link ProcessTree}).
 */
final class TaskProcess {
    /** How long the output may stay open after the process ended, before the agent stops waiting for its end. */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);
    /** How long the process may take to go after SIGKILL; it is reported with exit code -1 if it does not. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    static final String STDOUT = "stdout.txt";
    static final String STDERR = "stderr.txt";
    static final String RUN_ID = TaskEnvironment.RUN_ID;
    private static final File NO_INPUT = new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");

    private final RunSpec spec;
    private final Process process;
    private final ProcessTree tree;
    private final Path runDir;
    private final Capture stdout;
    private final Capture stderr;
    private final Consumer<String> log;

    private TaskProcess(RunSpec spec, Process process, String runId, Optional<NewPids.Mark> before, Path runDir,
            Limits limits, Consumer<String> log) {
        this.spec = spec;
        this.process = process;
        this.tree = new ProcessTree(RUN_ID + "=" + runId, before);
        this.runDir = runDir;
        this.log = log;
        this.stdout = capture(process.getInputStream(), STDOUT, limits);
        this.stderr = capture(process.getErrorStream(), STDERR, limits);
    }

    /** How the process ended: how the wait ended, its exit code (-1 if it did not go), and when. */
    record Exit(Runs.Ending ending, int exitCode, Instant completed) {}

    /**
     * Starts {@code command} for {@code spec} in {@code workDir}, capturing its output into {@code runDir}.
     *
     * @throws IOException when the process cannot start (its message says why)
     */
    static TaskProcess start(List<String> command, RunSpec spec, Path runDir, Path workDir, Limits limits,
            Consumer<String> log) throws IOException {
        String runId = TaskEnvironment.marker();
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectInput(NO_INPUT);
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(Set.copyOf(spec.environment()));
        environment.remove("DIRT_KWARGS");
        environment.putAll(TaskEnvironment.dirt(spec, runDir));
        environment.put(RUN_ID, runId);
        Optional<NewPids.Mark> before = NewPids.mark();
        return new TaskProcess(spec, builder.start(), runId, before, runDir, limits, log);
    }

    /**
     * Waits until the process exits, the spec's timeout passes or the run is cancelled, whichever comes first; then
     * ends the process and everything it started, and waits for the end of its output.
     */
    Exit await(Runs.Handle handle, Clock clock) throws InterruptedException {
        Runs.Ending ending;
        try {
            ending = handle.await(process.onExit(), spec.timeout());
        } catch (InterruptedException e) {
            tree.kill(process.toHandle());
            throw e;
        }
        Instant completed = clock.instant();
        tree.kill(process.toHandle());
        int exitCode = process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        if (!stdout.finish(OUTPUT_GRACE) | !stderr.finish(OUTPUT_GRACE)) {
            log.accept(String.format("task \"%s\": a process the task started keeps its output open; the output"
                    + " after %s is left out", spec.taskId(), OUTPUT_GRACE));
        }
        return new Exit(ending, exitCode, completed);
    }

    /**
     * Adds the captured output as {@code stdout.txt} (link {@code stdout}) and {@code stderr.txt} (link
     * {@code stderr}): always, or only when the process wrote something there ({@code evenEmpty} false).
     */
    void attachOutput(Attachments attachments, boolean evenEmpty) {
        attach(attachments, STDOUT, "stdout", stdout, evenEmpty);
        attach(attachments, STDERR, "stderr", stderr, evenEmpty);
    }

    private void attach(Attachments attachments, String name, String linkName, Capture capture, boolean evenEmpty) {
        Path file = runDir.resolve(name);
        if (!evenEmpty && (capture.total() == 0 || !Files.exists(file) || attachments.contains(name))) {
            return;
        }
        attachments.add(name, linkName, file);
        if (capture.truncated()) {
            attachments.truncatedBefore(name);
        }
    }

    private Capture capture(InputStream in, String name, Limits limits) {
        String what = name.substring(0, name.indexOf('.')) + " of " + spec.taskId();
        return new Capture(in, runDir.resolve(name), limits.maxBytesEach(), log).start(what);
    }
}
