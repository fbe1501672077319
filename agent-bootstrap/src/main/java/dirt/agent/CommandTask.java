package dirt.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a command task: {@code /bin/sh -c COMMAND} as a {@link TaskProcess} in the task's folder (standard input
 * closed, the {@code DIRT_*} variables in its environment, its output captured). When the shell exits, times out or is
 * cancelled, everything the command started is ended (see {@link ProcessTree}); then the captured output, always, and
 * every file left in the folder become attachments.
 */
final class CommandTask {
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
        TaskProcess process;
        try {
            process = TaskProcess.start(List.of("/bin/sh", "-c", spec.command().orElseThrow()), spec, runDir, workDir,
                    limits, log);
        } catch (IOException e) {
            return new TaskEnd(TaskEnd.failure(String.format("the command cannot start: shell=\"/bin/sh\" cause=\"%s\""
                    + " — check that /bin/sh exists on the node", e.getMessage())), clock.instant());
        }
        TaskProcess.Exit exit = process.await(handle, clock);
        process.attachOutput(attachments, true);
        attachments.addFolder(workDir);
        return new TaskEnd(result(spec, exit.ending(), exit.exitCode()), exit.completed());
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
