package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A warm worker JVM on the agent's side ({@link WorkerMain} on its own): started with the environment its tasks name
 * plus a {@code DIRT_RUN_ID} marker of its own, in a folder of its own that each task's work folder links to. It
 * runs one task at a time: {@link #send} writes a task's hand-off folder to its standard input, and its standard
 * output and error go to that task until the end mark ({@link WorkerOutput}).
 */
final class Worker {
    private final Process process;
    private final Path folder;
    private final Map<String, String> environment;
    private final String marker;
    private final OutputStream input;
    private final WorkerOutput stdout;
    private final WorkerOutput stderr;
    private int runs;
    private long idleSince;

    private Worker(Process process, Path folder, Map<String, String> environment, String marker,
            Consumer<String> log) {
        this.process = process;
        this.folder = folder;
        this.environment = environment;
        this.marker = marker;
        this.input = process.getOutputStream();
        this.stdout = new WorkerOutput(process.getInputStream(), log).start("stdout of worker " + process.pid());
        this.stderr = new WorkerOutput(process.getErrorStream(), log).start("stderr of worker " + process.pid());
    }

    /**
     * Starts a worker JVM in {@code folder} (which must exist) with exactly {@code environment} and its marker.
     *
     * @throws IOException when the JVM does not start
     * @throws IllegalStateException when the agent's own jar cannot be found
     */
    static Worker start(Map<String, String> environment, Path folder, Consumer<String> log) throws IOException {
        List<String> command = new ArrayList<>(List.of(JavaTask.java().toString(),
                "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", JavaTask.classpath(), WorkerMain.class.getName()));
        String marker = TaskEnvironment.marker();
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put(TaskEnvironment.RUN_ID, marker);
        return new Worker(builder.start(), folder, environment, marker, log);
    }

    /** The environment it was started with, without its marker: the tasks it may run name this one. */
    Map<String, String> environment() {
        return environment;
    }

    /** Its current directory, the real folder behind each task's work folder. */
    Path folder() {
        return folder;
    }

    Process process() {
        return process;
    }

    /** How many tasks were sent to it. */
    int runs() {
        return runs;
    }

    /** Since when it is idle, in {@link System#nanoTime()}; kept by the pool. */
    long idleSince() {
        return idleSince;
    }

    void idleSince(long nanoTime) {
        idleSince = nanoTime;
    }

    /** The part of its standard output, and of its error, that belongs to the next task. */
    record Output(WorkerOutput.Segment stdout, WorkerOutput.Segment stderr) {}

    /**
     * Sends the task of {@code handoff}: its output goes into {@code stdout} and {@code stderr} (at most {@code limit}
     * bytes each) until {@code endMark}.
     *
     * @throws IOException when a file cannot be created or the worker is gone
     */
    Output send(JavaHandoff handoff, Path stdoutFile, Path stderrFile, long limit, String endMark)
            throws IOException {
        byte[] mark = endMark.getBytes(UTF_8);
        Output output = new Output(stdout.begin(stdoutFile, limit, mark), stderr.begin(stderrFile, limit, mark));
        runs++;
        input.write((handoff.folder() + "\n").getBytes(UTF_8));
        input.flush();
        return output;
    }

    /** Stops waiting for the rest of {@code output}: what comes later is dropped. */
    void abandon(Output output) {
        stdout.abandon(output.stdout());
        stderr.abandon(output.stderr());
    }

    /** Ends the processes the last task left running, but not the worker. */
    void endLeftovers(String taskMarker) {
        new ProcessTree(List.of(TaskEnvironment.RUN_ID + "=" + marker, TaskEnvironment.RUN_ID + "=" + taskMarker))
                .killBelow(process.toHandle());
    }

    /** Ends the worker and every process its tasks started. */
    void kill(String taskMarker) {
        new ProcessTree(List.of(TaskEnvironment.RUN_ID + "=" + marker, TaskEnvironment.RUN_ID + "=" + taskMarker))
                .kill(process.toHandle());
    }

    /** Ends the worker and every process its tasks started. */
    void kill() {
        new ProcessTree(List.of(TaskEnvironment.RUN_ID + "=" + marker)).kill(process.toHandle());
    }

    /** Removes its folder; the worker must be gone. */
    void removeFolder(Consumer<String> log) {
        Folders.delete(folder, log);
    }

    @Override
    public String toString() {
        return "worker " + process.pid() + " in " + folder + File.separator;
    }
}
