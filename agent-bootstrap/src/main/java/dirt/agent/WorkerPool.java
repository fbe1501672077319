package dirt.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The warm worker JVMs of an agent ({@link Worker}), each in a folder of its own under {@code workers/} in the agent's
 * folder. A Java task takes an idle worker started with the environment it names; when none is idle, it starts one
 * and waits for it, as a JVM of its own would. After each take, one more worker for that environment is started in
 * the background, so that the next task finds it ready ({@value #READY} kept ready). A worker comes back after a task
 * that ended cleanly and is kept for the next while at most {@value #MAX_IDLE} are idle and it ran fewer than
 * {@value #MAX_RUNS} tasks; any other worker is ended with everything it started, and its folder removed. Workers idle
 * for longer than {@link #IDLE_LIMIT} are ended too, all but the {@value #READY} used last, so that a burst of tasks
 * does not leave a JVM per slot behind.
 */
final class WorkerPool implements AutoCloseable {
    static final String FOLDER = "workers";
    /** How many idle workers are kept started for the environment of the last task. */
    static final int READY = 1;
    /** How many idle workers are kept at most, of any environment. */
    static final int MAX_IDLE = 8;
    /**
     * How many tasks a worker runs before it is replaced, so that what tasks leave behind cannot pile up. Not fewer:
     * a new JVM compiles the agent's code again, several times the CPU of the JVM's start.
     */
    static final int MAX_RUNS = 1000;
    /** How long a worker may stay idle, beyond the ones kept ready. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(60);

    private final Path folder;
    private final Consumer<String> log;
    private final Deque<Worker> idle = new ArrayDeque<>();
    private final Set<Map<String, String>> starting = new HashSet<>();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(WorkerPool::daemon);
    private boolean closed;

    /** @param agentFolder the agent's folder: workers go under {@code workers/} in it */
    WorkerPool(Path agentFolder, Consumer<String> log) {
        this.folder = agentFolder.resolve(FOLDER);
        this.log = log;
        long every = IDLE_LIMIT.toMillis() / 4;
        background.scheduleWithFixedDelay(this::endLongIdle, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * An idle worker started with {@code environment}, else a new one; then starts another in the background.
     *
     * @throws IOException when the worker's folder cannot be made or its JVM does not start
     * @throws IllegalStateException when the agent's own jar cannot be found
     */
    Worker take(Map<String, String> environment) throws IOException {
        Worker worker = takeIdle(environment);
        if (worker == null) {
            worker = start(environment);
        }
        refill(environment);
        return worker;
    }

    /** Takes back a worker after a clean run, or ends it; {@code reusable} false ends it. */
    void giveBack(Worker worker, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed && idle.size() < MAX_IDLE && worker.runs() < MAX_RUNS
                    && worker.process().isAlive()) {
                worker.idleSince(System.nanoTime());
                idle.addFirst(worker);
                return;
            }
        }
        background.execute(() -> end(worker));
    }

    /** Ends a worker at once, with everything it started, and removes its folder. */
    void end(Worker worker) {
        worker.kill();
        worker.removeFolder(log);
    }

    /**
     * Ends every idle worker, and waits a while for the workers being ended or started in the background; workers
     * still running a task are ended by their run.
     */
    @Override
    public void close() {
        List<Worker> ending;
        synchronized (this) {
            closed = true;
            ending = new ArrayList<>(idle);
            idle.clear();
        }
        ending.forEach(this::end);
        background.shutdown();
        try {
            background.awaitTermination(RunOp.STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Worker takeIdle(Map<String, String> environment) {
        for (Iterator<Worker> workers = idle.iterator(); workers.hasNext();) {
            Worker worker = workers.next();
            if (worker.environment().equals(environment)) {
                workers.remove();
                if (worker.process().isAlive()) {
                    return worker;
                }
                background.execute(() -> end(worker));
            }
        }
        return null;
    }

    private synchronized void refill(Map<String, String> environment) {
        if (closed || starting.contains(environment)
                || idle.stream().filter(worker -> worker.environment().equals(environment)).count() >= READY) {
            return;
        }
        starting.add(environment);
        background.execute(() -> startIdle(environment));
    }

    private void startIdle(Map<String, String> environment) {
        Worker worker = null;
        try {
            worker = start(environment);
        } catch (IOException | RuntimeException e) {
            log.accept("a Java worker JVM does not start: " + e + " — Java tasks start one each");
        }
        List<Worker> surplus = new ArrayList<>();
        synchronized (this) {
            starting.remove(environment);
            if (worker != null && (closed || idle.size() >= MAX_IDLE)) {
                surplus.add(worker);
            } else if (worker != null) {
                worker.idleSince(System.nanoTime());
                idle.addLast(worker);
            }
        }
        surplus.forEach(this::end);
    }

    /** Ends the workers idle for longer than {@link #IDLE_LIMIT}, but the {@value #READY} used last. */
    private void endLongIdle() {
        List<Worker> ending = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            int kept = 0;
            for (Iterator<Worker> workers = idle.iterator(); workers.hasNext();) {
                Worker worker = workers.next();
                if (kept++ >= READY && now - worker.idleSince() > IDLE_LIMIT.toNanos()) {
                    workers.remove();
                    ending.add(worker);
                }
            }
        }
        ending.forEach(this::end);
    }

    private Worker start(Map<String, String> environment) throws IOException {
        Path workerFolder = Files.createTempDirectory(Files.createDirectories(folder), "w");
        try {
            return Worker.start(environment, workerFolder, log);
        } catch (IOException | RuntimeException e) {
            Folders.delete(workerFolder, log);
            throw e;
        }
    }

    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "dirt-workers");
        thread.setDaemon(true);
        return thread;
    }
}
