package dirt.agent;

import dirt.api.Task;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        JavaRun run = new JavaRun(spec, worker, runDir, handle, clock, limits);
        boolean reusable = false;
        try {
            link(workDir, worker.folder());
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

    /**
     * Makes the task's work folder a link to the worker's folder; where the file system has no links, a folder of its
     * own (relative paths of the task then land in the worker's folder instead).
     */
    private void link(Path workDir, Path workerFolder) throws IOException {
        try {
            Files.createSymbolicLink(workDir, workerFolder);
        } catch (UnsupportedOperationException | IOException e) {
            log.accept(String.format("cannot link the work folder workDir=\"%s\" to the worker's folder: %s — the task"
                    + " runs in a folder of its own", workDir, e));
            Files.createDirectories(workDir);
        }
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
