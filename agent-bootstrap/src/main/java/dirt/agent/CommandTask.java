package dirt.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a command task: {@code /bin/sh -c COMMAND} in the task's folder, standard input closed, the agent's
 * environment plus {@code DIRT_TASK_ID}, {@code DIRT_RECORD_ID}, {@code DIRT_TASK_NAME}, {@code DIRT_KWARGS} (JSON)
 * and {@code DIRT_RUN_ID}. Standard output and error are captured into {@code stdout.txt} and {@code stderr.txt}
 * beside the folder. When the shell exits, times out or is cancelled, everything the command started is ended (see
 * {@link ProcessTree}); then the captured output and every file left in the folder become attachments.
 */
final class CommandTask {
    /** How long the output may stay open after the command ended, before the agent stops waiting for its end. */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);
    /** How long the shell may take to go after SIGKILL; it is reported with exit code -1 if it does not. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    static final String STDOUT = "stdout.txt";
    static final String STDERR = "stderr.txt";
    static final String RUN_ID = "DIRT_RUN_ID";
    private static final File NO_INPUT = new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");

    private final Clock clock;
    private final Limits limits;
    private final Consumer<String> log;

    CommandTask(Clock clock, Limits limits, Consumer<String> log) {
        this.clock = clock;
        this.limits = limits;
        this.log = log;
    }

    /**
     * Runs {@code spec}'s command in {@code workDir}, capturing its output into {@code runDir}, and adds the files to
     * {@code attachments}.
     */
    TaskEnd run(RunSpec spec, Path runDir, Path workDir, Runs.Handle handle, Attachments attachments)
            throws IOException, InterruptedException {
        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Process process;
        try {
            process = builder(spec, workDir, runId).start();
        } catch (IOException e) {
            return new TaskEnd(TaskEnd.failure(String.format("the command cannot start: shell=\"/bin/sh\" cause=\"%s\""
                    + " — check that /bin/sh exists on the node", e.getMessage())), clock.instant());
        }
        Capture stdout = capture(process.getInputStream(), runDir.resolve(STDOUT), "stdout of " + spec.taskId());
        Capture stderr = capture(process.getErrorStream(), runDir.resolve(STDERR), "stderr of " + spec.taskId());
        ProcessTree tree = new ProcessTree(RUN_ID + "=" + runId);
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
        finish(spec, stdout, stderr);
        attach(attachments, STDOUT, "stdout", runDir, stdout);
        attach(attachments, STDERR, "stderr", runDir, stderr);
        attachments.addFolder(workDir);
        return new TaskEnd(result(spec, ending, exitCode), completed);
    }

    private static ProcessBuilder builder(RunSpec spec, Path workDir, String runId) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", spec.command().orElseThrow())
                .directory(workDir.toFile()).redirectInput(NO_INPUT);
        Map<String, String> environment = builder.environment();
        environment.put("DIRT_TASK_ID", spec.taskId());
        environment.put("DIRT_RECORD_ID", spec.recordId());
        environment.put("DIRT_TASK_NAME", spec.name());
        environment.put("DIRT_KWARGS", JsonWriter.write(spec.kwargs()));
        environment.put(RUN_ID, runId);
        return builder;
    }

    /** Waits for the end of the output; a process left running that still holds it (it escaped the kill) is logged. */
    private void finish(RunSpec spec, Capture stdout, Capture stderr) throws InterruptedException {
        if (!stdout.finish(OUTPUT_GRACE) | !stderr.finish(OUTPUT_GRACE)) {
            log.accept(String.format("task \"%s\": a process the command started keeps its output open; the output"
                    + " after %s is left out", spec.taskId(), OUTPUT_GRACE));
        }
    }

    private Capture capture(InputStream in, Path file, String what) {
        return new Capture(in, file, limits.maxBytesEach(), log).start(what);
    }

    private static void attach(Attachments attachments, String name, String linkName, Path runDir, Capture capture) {
        attachments.add(name, linkName, runDir.resolve(name));
        if (capture.truncated()) {
            attachments.truncatedBefore(name);
        }
    }

    /** {@code success}, {@code reason}, {@code exit_code}, and {@code signal}, {@code timed_out}, {@code cancelled}. */
    private static Map<String, Object> result(RunSpec spec, Runs.Ending ending, int exitCode) {
        Map<String, Object> result;
        if (ending == Runs.Ending.TIMED_OUT) {
            result = TaskEnd.failure("timed out after " + spec.timeoutText());
            result.put("timed_out", true);
        } else if (ending == Runs.Ending.CANCELLED) {
            result = TaskEnd.failure("cancelled");
            result.put("cancelled", true);
        } else if (exitCode == 0) {
            result = new LinkedHashMap<>();
            result.put("success", true);
        } else if (exitCode > 128 && exitCode < 128 + 65) {
            result = TaskEnd.failure("command killed by signal " + (exitCode - 128));
            result.put("signal", exitCode - 128);
        } else {
            result = TaskEnd.failure("command exited with code " + exitCode);
        }
        result.put("exit_code", exitCode);
        return result;
    }
}
