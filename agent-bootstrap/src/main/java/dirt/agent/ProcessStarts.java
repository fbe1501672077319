package dirt.agent;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Whether a task in a warm worker ({@link WorkerMain}) started a process, so that the agent looks for processes it
 * left behind (a scan of every process's environment) only after a task that did. The JDK waits for every process
 * it starts on a "process reaper" thread: a task started one when the reapers got a new job, or still wait for a
 * process. Read by reflection (the worker runs with {@code --add-opens java.base/java.lang=ALL-UNNAMED}); when that
 * fails, every task counts as one that started processes. A process started by native code past the JDK is not
 * seen here; a timeout or a cancel still finds it.
 */
record ProcessStarts(long reaperJobs, int waitedFor) {
    private static final ProcessStarts UNKNOWN = new ProcessStarts(-1, -1);

    /** The count now. */
    static ProcessStarts now() {
        try {
            Class<?> handles = Class.forName("java.lang.ProcessHandleImpl");
            Field executor = handles.getDeclaredField("processReaperExecutor");
            executor.setAccessible(true);
            Field completions = handles.getDeclaredField("completions");
            completions.setAccessible(true);
            if (executor.get(null) instanceof ThreadPoolExecutor reapers
                    && completions.get(null) instanceof Map<?, ?> waiting) {
                return new ProcessStarts(reapers.getTaskCount(), waiting.size());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // unknown
        }
        return UNKNOWN;
    }

    /** Whether a process may have been started since {@code before}. */
    boolean startedSince(ProcessStarts before) {
        return this == UNKNOWN || before == UNKNOWN || reaperJobs != before.reaperJobs || waitedFor > 0;
    }
}
