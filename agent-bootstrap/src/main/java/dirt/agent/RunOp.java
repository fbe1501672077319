package dirt.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code run}: runs one task — a Java task from a task jar in the agent's folder (in a warm worker JVM of the
 * {@link WorkerPool}), or a shell command — in a fresh folder {@code work/<task_id>-<random>/task} under the agent's
 * folder (for a Java task, a link to its worker's folder), removed afterwards, and answers when it ends
 * with its result, its attachments (base64) and when it started and completed. Runs are concurrent and unbounded
 * here: dirt limits them per node. A task that fails is an ok response with {@code "success": false}; only a bad
 * request (or a jar that is not here) is an error response.
 */
final class RunOp implements Operation {
    /** How long the end of the agent waits for the runs it stops to end. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);
    static final String WORK = "work";

    private final FileCache cache;
    private final Runs runs;
    private final Clock clock;
    private final Limits limits;
    private final WorkerPool workers;
    private final Consumer<String> log;

    RunOp(FileCache cache, Runs runs, Clock clock, Limits limits, Consumer<String> log) {
        this.cache = cache;
        this.runs = runs;
        this.clock = clock;
        this.limits = limits;
        this.workers = new WorkerPool(cache.folder(), log);
        this.log = log;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public Map<String, Object> handle(Request request) throws InterruptedException {
        RunSpec spec = RunSpec.of(request);
        Path jar = spec.jar().map(name -> cache.existing(name, "jar")).orElse(null);
        List<Path> libs = new ArrayList<>();
        spec.libs().forEach(name -> libs.add(cache.existing(name, "lib")));
        Instant started = clock.instant();
        try (Runs.Handle handle = runs.start(spec.taskId())) {
            Path runDir = Files.createTempDirectory(Files.createDirectories(cache.folder().resolve(WORK)),
                    folderName(spec.taskId()) + "-");
            try {
                Path workDir = runDir.resolve("task");
                Attachments attachments = new Attachments(limits);
                TaskEnd end = jar == null
                        ? new CommandTask(clock, limits, log).run(spec, runDir, Files.createDirectory(workDir), handle,
                                attachments)
                        : new JavaTask(clock, limits, workers, log).run(spec, jar, libs, runDir, workDir, handle,
                                attachments);
                return response(started, end, attachments);
            } finally {
                Folders.delete(runDir, log);
            }
        } catch (IOException e) {
            throw new OperationException(String.format("run of task \"%s\" failed on the agent: %s — check free disk"
                    + " space and permissions of the agent's folder folder=\"%s\"", spec.taskId(), e,
                    cache.folder()));
        }
    }

    private static Map<String, Object> response(Instant started, TaskEnd end, Attachments attachments) {
        Map<String, Object> result = new LinkedHashMap<>(end.result());
        attachments.noteIn(result);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("result", result);
        response.put("attachments", attachments.entries());
        response.put("started", epochSeconds(started));
        response.put("completed", epochSeconds(end.completed()));
        return response;
    }

    /** Stops every run still under way, so that none outlives the agent, and ends the idle Java workers. */
    @Override
    public void close() {
        if (runs.size() > 0) {
            log.accept("stopping " + runs.size() + " run(s) still under way");
            runs.cancelAll(STOP_WAIT);
        }
        workers.close();
    }

    /** {@code task_id} as a safe folder name prefix: other characters become {@code _}, at most 60 of them. */
    static String folderName(String taskId) {
        String safe = taskId.replaceAll("[^A-Za-z0-9._-]", "_");
        safe = safe.startsWith(".") ? "_" + safe.substring(1) : safe;
        return safe.length() <= 60 ? safe : safe.substring(0, 60);
    }

    /** Epoch seconds with the fraction, e.g. {@code 1714564800.25}. */
    static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
