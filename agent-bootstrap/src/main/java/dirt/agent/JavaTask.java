package dirt.agent;

import dirt.api.Task;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a Java task from a task jar in the agent's folder in a JVM of its own, as a {@link TaskProcess} like a command:
 * {@code JAVA -cp AGENT_JAR dirt.agent.TaskMain HANDOFF_FOLDER} in the task's folder, where {@code JAVA} is the
 * agent's own {@code java} and {@code AGENT_JAR} the jar the agent runs from. {@link TaskMain} runs the task with
 * {@link TaskRunner} and hands its result back through files ({@link JavaHandoff}). A timeout or a cancel ends that
 * JVM and every process the task started; a task that calls {@code System.exit} ends only its own JVM and fails.
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
    private final Consumer<String> log;

    JavaTask(Clock clock, Limits limits, Consumer<String> log) {
        this.clock = clock;
        this.limits = limits;
        this.log = log;
    }

    /**
     * Runs {@code spec}'s task from {@code jar} (with {@code libs}) in {@code workDir}, its output and hand-off files in
     * {@code runDir}, and adds what comes back to {@code attachments}.
     */
    TaskEnd run(RunSpec spec, Path jar, List<Path> libs, Path runDir, Path workDir, Runs.Handle handle,
            Attachments attachments) throws IOException, InterruptedException {
        JavaHandoff handoff = new JavaHandoff(runDir.resolve(JavaHandoff.FOLDER));
        handoff.writeRequest(new JavaHandoff.Request(spec.taskId(), spec.recordId(), spec.name(), jar, libs,
                spec.kwargs(), workDir, limits.maxBytesEach()));
        List<String> command;
        try {
            command = command(handoff);
        } catch (IllegalStateException e) {
            return new TaskEnd(TaskEnd.failure(String.format("task \"%s\" cannot start: the agent cannot find its own"
                    + " jar for the task's JVM: %s — start the agent with 'java -jar'", spec.name(), e.getMessage())),
                    clock.instant());
        }
        TaskProcess process;
        try {
            process = TaskProcess.start(command, spec, runDir, workDir, limits, log);
        } catch (IOException e) {
            return new TaskEnd(TaskEnd.failure(String.format("task \"%s\" cannot start: its JVM does not start:"
                    + " java=\"%s\" cause=\"%s\" — check the node's Java installation", spec.name(), command.get(0),
                    e.getMessage())), clock.instant());
        }
        TaskProcess.Exit exit = process.await(handle, clock);
        Map<String, Object> fields = switch (exit.ending()) {
            case ENDED -> ended(spec, exit.exitCode(), handoff, attachments);
            case TIMED_OUT -> flag(TaskEnd.failure("timed out after " + spec.timeoutText()), "timed_out");
            case CANCELLED -> flag(TaskEnd.failure("cancelled"), "cancelled");
        };
        if (!attachments.contains(LOG) && Files.isRegularFile(handoff.log()) && Files.size(handoff.log()) > 0) {
            attachments.add(LOG, "log", handoff.log());
        }
        process.attachOutput(attachments, false);
        return new TaskEnd(fields, exit.completed());
    }

    /** The result the task's JVM reported; else why it reported none. */
    private static Map<String, Object> ended(RunSpec spec, int exitCode, JavaHandoff handoff, Attachments attachments)
            throws IOException {
        Optional<Map<String, Object>> reported;
        try {
            reported = handoff.readResult(attachments);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            return TaskEnd.failure(String.format("task \"%s\": the result its JVM reported cannot be read: %s — did"
                    + " the task write into %s?", spec.name(), e, handoff.folder()));
        }
        if (reported.isPresent()) {
            return reported.get();
        }
        Optional<String> exitNote = handoff.readExitNote();
        if (exitNote.isPresent()) {
            Map<String, Object> result = TaskEnd.failure(String.format("task \"%s\" called System.exit(%d) — return"
                    + " Result.failure(reason) instead: System.exit ends the task's JVM", spec.name(), exitCode));
            result.put(TaskRunner.STACK_TRACE, exitNote.get());
            return result;
        }
        if (exitCode > 128 && exitCode < 128 + 65) {
            return TaskEnd.failure(String.format("task \"%s\": its JVM was killed by signal %d before it reported a"
                    + " result — see stderr.txt; was the node out of memory?", spec.name(), exitCode - 128));
        }
        return TaskEnd.failure(String.format("task \"%s\": its JVM exited with code %d before it reported a result"
                + " — see stderr.txt", spec.name(), exitCode));
    }

    private static Map<String, Object> flag(Map<String, Object> result, String key) {
        result.put(key, true);
        return result;
    }

    /** The command line of the task's JVM. */
    private static List<String> command(JavaHandoff handoff) {
        return List.of(java().toString(), "-cp", classpath(), TaskMain.class.getName(), handoff.folder().toString());
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
        entries.add(location(TaskMain.class));
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
