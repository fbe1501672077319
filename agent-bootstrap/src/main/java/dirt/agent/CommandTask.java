package dirt.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * {@code attachments}. With a {@code check}, the check runs first: when it exits 0 the work is already done and
     * the command does not run; otherwise the command runs and then the check again, and that recheck alone decides
     * whether the task passed. The check's and the recheck's output (both streams) are attached as {@code check.txt}
     * and {@code recheck.txt}.
     */
    TaskEnd run(RunSpec spec, Path runDir, Path workDir, Runs.Handle handle, Attachments attachments)
            throws IOException, InterruptedException {
        if (spec.check().isPresent()) {
            Step check = step(spec, spec.check().get(), "check", runDir, workDir, handle, attachments);
            if (check.end().isPresent()) {
                return check.end().get();
            }
            if (check.exit().exitCode() == 0) {
                Map<String, Object> done = new LinkedHashMap<>();
                done.put("success", true);
                done.put("already_done", true);
                return new TaskEnd(done, check.exit().completed());
            }
        }
        Step command = step(spec, spec.command().orElseThrow(), null, runDir, workDir, handle, attachments);
        if (command.end().isPresent()) {
            return command.end().get();
        }
        attachments.addFolder(workDir);
        TaskProcess.Exit exit = command.exit();
        if (spec.check().isEmpty() || exit.ending() != Runs.Ending.ENDED) {
            return new TaskEnd(result(spec, exit.ending(), exit.exitCode()), exit.completed());
        }
        Step recheck = step(spec, spec.check().get(), "recheck", runDir, workDir, handle, attachments);
        if (recheck.end().isPresent()) {
            return recheck.end().get();
        }
        Map<String, Object> result = result(spec, Runs.Ending.ENDED, recheck.exit().exitCode());
        if (recheck.exit().exitCode() != 0) {
            result.put("reason", String.format("recheck failed (exit %d) after the command exited %d",
                    recheck.exit().exitCode(), exit.exitCode()));
        }
        result.put("exit_code", exit.exitCode());
        result.put("recheck_exit_code", recheck.exit().exitCode());
        return new TaskEnd(result, recheck.exit().completed());
    }

    /** One process of a run: how it exited, or the task's end when it could not start, timed out or was cancelled. */
    private record Step(TaskProcess.Exit exit, Optional<TaskEnd> end) {}

    /**
     * Runs {@code line}: the command itself ({@code label} null: its output is the task's {@code stdout.txt} and
     * {@code stderr.txt}), or the check (both streams into {@code LABEL.txt}, captured in {@code runDir/LABEL}).
     */
    private Step step(RunSpec spec, String line, String label, Path runDir, Path workDir, Runs.Handle handle,
            Attachments attachments) throws IOException, InterruptedException {
        Path captures = label == null ? runDir : Files.createDirectories(runDir.resolve(label));
        List<String> shell = label == null ? List.of("/bin/sh", "-c", line)
                : List.of("/bin/sh", "-c", "exec 2>&1\n" + line);
        TaskProcess process;
        try {
            process = TaskProcess.start(shell, spec, captures, workDir, limits, log);
        } catch (IOException e) {
            return new Step(null, Optional.of(new TaskEnd(TaskEnd.failure(String.format("the %s cannot start:"
                    + " shell=\"/bin/sh\" cause=\"%s\" — check that /bin/sh exists on the node",
                    label == null ? "command" : label, e.getMessage())), clock.instant())));
        }
        TaskProcess.Exit exit = process.await(handle, clock);
        if (label == null) {
            process.attachOutput(attachments, true);
        } else {
            attachments.add(label + ".txt", label, captures.resolve(TaskProcess.STDOUT));
        }
        if (label != null && exit.ending() != Runs.Ending.ENDED) {
            Map<String, Object> result = result(spec, exit.ending(), exit.exitCode());
            result.put("reason", "the " + label + " " + result.get("reason"));
            return new Step(exit, Optional.of(new TaskEnd(result, exit.completed())));
        }
        return new Step(exit, Optional.empty());
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
