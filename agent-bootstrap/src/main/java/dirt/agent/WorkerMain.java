package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import dirt.api.Result;
import dirt.api.TaskContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The main class of a warm worker JVM, which the agent starts before a Java task needs it ({@code WorkerPool}):
 * {@code java --add-opens ... -cp AGENT_JAR dirt.agent.WorkerMain}, its current directory the folder that each task's
 * work folder links to. It reads one {@link JavaHandoff} folder per line from standard input and runs that task with
 * {@link TaskRunner} (a class loader of its own over the task jar and its libs) on a fresh thread named {@code main},
 * with the task's environment ({@link JvmEnvironment}) and {@code user.dir}; then writes the task's result there,
 * notes whether the task started processes ({@link ProcessStarts}) and whether it left the JVM as it found it
 * ({@link JvmState}), and writes the task's end mark to standard
 * output and error, which are the task's own between its start and that mark. At the end of its input (the agent
 * ended it, or is gone) it removes its folder and exits.
 *
 * <p>A task that calls {@code System.exit} ends this JVM before a result is written; a shutdown hook then notes
 * where it was called ({@code exit.txt}), so that the agent can say so. On SIGTERM (a timeout or a cancel) the hook
 * only closes the task's log.
 */
final class WorkerMain {
    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private WorkerMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 0) {
            System.err.println("usage: java -cp dirt-agent.jar dirt.agent.WorkerMain — the agent starts this to run"
                    + " Java tasks; it is not meant to be run by hand");
            System.exit(Main.USAGE);
        }
        JvmEnvironment environment;
        String unusable = null;
        try {
            environment = JvmEnvironment.open();
        } catch (IllegalStateException e) {
            environment = null;
            unusable = e.getMessage();
        }
        OUT.write(WorkerOutput.READY.getBytes(UTF_8));
        OUT.flush();
        ERR.write(WorkerOutput.READY.getBytes(UTF_8));
        ERR.flush();
        String home = System.getProperty("user.dir");
        Current current = new Current();
        Runtime.getRuntime().addShutdownHook(new ExitHook(current));
        JvmState.now();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            JavaHandoff handoff = new JavaHandoff(Path.of(line));
            JavaHandoff.Request request = handoff.readRequest();
            TaskLog log = new TaskLog(handoff.log(), request.logLimit());
            current.task = new Task(handoff, log);
            if (environment == null) {
                report(handoff, request, log, current, Result.failure(String.format("task \"%s\" cannot start: %s"
                        + " — report this with the node's Java version", request.name(), unusable)), List.of(unusable));
                continue;
            }
            environment.replace(request.environment());
            System.setProperty("user.dir", request.workDir().toString());
            JvmState before = JvmState.now();
            ProcessStarts starts = ProcessStarts.now();
            Result result = runOnFreshThread(request, log);
            boolean startedProcesses = ProcessStarts.now().startedSince(starts);
            List<String> changes = before.changes(JvmState.now());
            System.setProperty("user.dir", home);
            environment.replace(Map.of());
            if (startedProcesses) {
                handoff.writeProcessesNote();
            }
            report(handoff, request, log, current, result, changes);
        }
        Folders.delete(Path.of(home), line -> { });
        Runtime.getRuntime().halt(0);
    }

    /** Hands the result back, then writes the end mark after everything the task printed. */
    private static void report(JavaHandoff handoff, JavaHandoff.Request request, TaskLog log, Current current,
            Result result, List<String> changes) throws IOException {
        handoff.writeResult(result);
        if (!changes.isEmpty()) {
            handoff.writeUnfitNote(String.join("\n", changes));
        }
        current.task = null;
        log.close();
        byte[] mark = request.endMark().getBytes(UTF_8);
        OUT.flush();
        OUT.write(mark);
        OUT.flush();
        ERR.flush();
        ERR.write(mark);
        ERR.flush();
    }

    private static Result runOnFreshThread(JavaHandoff.Request request, TaskLog log) throws InterruptedException {
        Result[] result = new Result[1];
        Thread thread = new Thread(() -> result[0] = run(request, log), "main");
        thread.setContextClassLoader(WorkerMain.class.getClassLoader());
        thread.start();
        thread.join();
        return result[0] != null ? result[0]
                : Result.failure(String.format("task \"%s\" ended without a result", request.name()));
    }

    private static Result run(JavaHandoff.Request request, TaskLog log) {
        TaskContext context;
        try {
            context = TaskContext.builder(request.name()).taskId(request.taskId()).recordId(request.recordId())
                    .kwargs(request.kwargs()).workDir(request.workDir()).log(log).build();
        } catch (IllegalArgumentException e) {
            return Result.failure(String.format("task \"%s\" cannot start: %s", request.name(), e.getMessage()));
        }
        try {
            return new TaskRunner().run(request.jar(), request.libs(), context);
        } catch (Throwable e) {
            return Result.failure(String.format("task \"%s\" threw %s", request.name(), e));
        }
    }

    /** The task under way: its hand-off folder and log. */
    private record Task(JavaHandoff handoff, TaskLog log) {}

    /** The task under way, if one is, for the exit hook. */
    private static final class Current {
        volatile Task task;
    }

    /**
     * Runs when the JVM exits: when a task is under way, closes its log and notes a {@code System.exit}. (A class,
     * not a lambda: the first lambda costs a fresh JVM milliseconds.)
     */
    private static final class ExitHook extends Thread {
        private final Current current;

        ExitHook(Current current) {
            super("dirt-task-exit");
            this.current = current;
        }

        @Override
        public void run() {
            Task task = current.task;
            if (task != null) {
                task.log().close();
                noteSystemExit(task.handoff());
            }
        }
    }

    /** Writes where {@code System.exit} (or {@code Runtime.exit}) was called, when a thread is in it. */
    private static void noteSystemExit(JavaHandoff handoff) {
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] frames = thread.getValue();
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getClassName().equals("java.lang.Runtime") && frames[i].getMethodName().equals("exit")) {
                    try {
                        handoff.writeExitNote(exitTrace(thread.getKey(), frames, i));
                    } catch (IOException e) {
                        // the agent then reports the exit code alone
                    }
                    return;
                }
            }
        }
    }

    /** The frames from {@code System.exit} down, written like an exception's stack trace. */
    private static String exitTrace(Thread thread, StackTraceElement[] frames, int runtimeExit) {
        int first = runtimeExit + 1 < frames.length && frames[runtimeExit + 1].getClassName().equals("java.lang.System")
                ? runtimeExit + 1 : runtimeExit;
        StringBuilder trace = new StringBuilder(String.format("System.exit called in thread \"%s\"%n",
                thread.getName()));
        for (int i = first; i < frames.length; i++) {
            trace.append("\tat ").append(frame(frames[i])).append(System.lineSeparator());
        }
        return trace.toString();
    }

    /** A frame as an exception's stack trace shows it: {@code java.base/java.lang.System.exit(System.java:1877)}. */
    private static String frame(StackTraceElement frame) {
        String module = frame.getModuleName() == null ? "" : frame.getModuleName() + "/";
        String source = frame.isNativeMethod() ? "Native Method"
                : frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
        return module + frame.getClassName() + "." + frame.getMethodName() + "(" + source + ")";
    }
}
