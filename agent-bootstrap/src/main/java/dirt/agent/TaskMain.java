package dirt.agent;

import dirt.api.Result;
import dirt.api.TaskContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main class of a Java task's own JVM, which the agent starts for each run ({@code JavaTask}):
 * {@code java -cp AGENT_JAR dirt.agent.TaskMain HANDOFF_FOLDER}. It reads what to run from the {@link JavaHandoff}
 * folder, runs the task with {@link TaskRunner} (a class loader of its own over the task jar and its libs), writes
 * the task's log lines and its result there, and exits at once with code 0, whatever threads the task left running.
 * Standard output and error are the task's own: the agent captures them.
 *
 * <p>A task that calls {@code System.exit} ends this JVM before a result is written; a shutdown hook then notes
 * where it was called ({@code exit.txt}), so that the agent can say so. On SIGTERM (a timeout or a cancel) the hook
 * only closes the log.
 */
final class TaskMain {
    private TaskMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp dirt-agent.jar dirt.agent.TaskMain HANDOFF_FOLDER — the agent runs"
                    + " this for each Java task; it is not meant to be run by hand");
            System.exit(Main.USAGE);
        }
        JavaHandoff handoff = new JavaHandoff(Path.of(args[0]));
        JavaHandoff.Request request = handoff.readRequest();
        TaskLog log = new TaskLog(handoff.log(), request.logLimit());
        AtomicBoolean reported = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new ExitHook(handoff, log, reported));
        Result result = run(request, log);
        handoff.writeResult(result);
        reported.set(true);
        log.close();
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
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

    /**
     * Runs when the JVM exits before the result is written: closes the log and notes a {@code System.exit}. (A class,
     * not a lambda: the first lambda costs a fresh JVM milliseconds, and this JVM starts for every task.)
     */
    private static final class ExitHook extends Thread {
        private final JavaHandoff handoff;
        private final TaskLog log;
        private final AtomicBoolean reported;

        ExitHook(JavaHandoff handoff, TaskLog log, AtomicBoolean reported) {
            super("dirt-task-exit");
            this.handoff = handoff;
            this.log = log;
            this.reported = reported;
        }

        @Override
        public void run() {
            if (!reported.get()) {
                log.close();
                noteSystemExit(handoff);
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
