package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import dirt.api.Attachment;
import dirt.api.Result;
import dirt.api.TaskContext;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a Java task from a task jar in the agent's folder with {@link TaskRunner}, on a thread of its own so that a
 * timeout or a cancel can give up on it: the thread is interrupted and left behind (a task that ignores interrupts
 * runs on in the agent until it returns). The task's attachments ({@code Result.attach}) are sent back, and its
 * {@code context.log} lines as {@code log.txt}.
 */
final class JavaTask {
    static final String LOG = "log.txt";

    private final TaskRunner runner = new TaskRunner();
    private final Clock clock;
    private final Limits limits;
    private final Consumer<String> log;

    JavaTask(Clock clock, Limits limits, Consumer<String> log) {
        this.clock = clock;
        this.limits = limits;
        this.log = log;
    }

    /** Runs {@code spec}'s task from {@code jar} (with {@code libs}) in {@code workDir}. */
    TaskEnd run(RunSpec spec, Path jar, List<Path> libs, Path workDir, Runs.Handle handle, Attachments attachments)
            throws InterruptedException {
        TaskLog taskLog = new TaskLog(limits.maxBytesEach());
        TaskContext context;
        try {
            context = TaskContext.builder(spec.name()).taskId(spec.taskId()).recordId(spec.recordId())
                    .kwargs(spec.kwargs()).workDir(workDir).log(line -> {
                        taskLog.add(line);
                        log.accept(String.format("task \"%s\": %s", spec.taskId(), line));
                    }).build();
        } catch (IllegalArgumentException e) {
            return new TaskEnd(TaskEnd.failure(String.format("task \"%s\" cannot start: %s", spec.name(),
                    e.getMessage())), clock.instant());
        }
        CompletableFuture<Result> result = new CompletableFuture<>();
        Thread thread = start(spec, () -> runner.run(jar, libs, context), result);
        Runs.Ending ending = await(spec, handle, result, thread);
        Instant completed = clock.instant();
        Map<String, Object> fields = switch (ending) {
            case ENDED -> ended(result.join(), attachments);
            case TIMED_OUT -> flag(TaskEnd.failure("timed out after " + spec.timeoutText()), "timed_out");
            case CANCELLED -> flag(TaskEnd.failure("cancelled"), "cancelled");
        };
        if (!taskLog.isEmpty() && !attachments.contains(LOG)) {
            attachments.add(LOG, "log", taskLog.bytes());
        }
        return new TaskEnd(fields, completed);
    }

    /** Runs {@code task} on a daemon thread that completes {@code result}, whatever the task throws. */
    private static Thread start(RunSpec spec, Supplier<Result> task, CompletableFuture<Result> result) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.complete(Result.failure(String.format("task \"%s\" threw %s", spec.name(), e)));
            }
        }, "dirt-task " + spec.taskId());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for the task; interrupts and gives up its thread when it times out or is cancelled. */
    private Runs.Ending await(RunSpec spec, Runs.Handle handle, CompletableFuture<Result> result, Thread thread)
            throws InterruptedException {
        Runs.Ending ending = Runs.Ending.CANCELLED;
        try {
            ending = handle.await(result, spec.timeout());
            return ending;
        } finally {
            if (ending != Runs.Ending.ENDED) {
                thread.interrupt();
                log.accept(String.format("task \"%s\" %s: its thread was interrupted", spec.taskId(),
                        ending == Runs.Ending.TIMED_OUT ? "timed out" : "was stopped"));
            }
        }
    }

    private static Map<String, Object> ended(Result result, Attachments attachments) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("success", result.isSuccess());
        result.reason().ifPresent(reason -> fields.put("reason", reason));
        fields.putAll(result.values());
        for (Attachment attachment : result.attachments()) {
            String linkName = attachment.linkName().orElse(null);
            if (attachment.file().isPresent()) {
                attachments.add(attachment.fileName(), linkName, attachment.file().get());
            } else {
                attachments.add(attachment.fileName(), linkName, attachment.contents());
            }
        }
        return fields;
    }

    private static Map<String, Object> flag(Map<String, Object> result, String key) {
        result.put(key, true);
        return result;
    }

    /** The task's log lines, UTF-8, up to a limit; later lines are counted and left out. */
    private static final class TaskLog {
        private final long limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long dropped;

        TaskLog(long limit) {
            this.limit = limit - Truncation.MARKER_RESERVE;
        }

        synchronized void add(String line) {
            byte[] encoded = (line + "\n").getBytes(UTF_8);
            if (dropped == 0 && bytes.size() + encoded.length <= limit) {
                bytes.writeBytes(encoded);
            } else {
                dropped++;
            }
        }

        synchronized boolean isEmpty() {
            return bytes.size() == 0 && dropped == 0;
        }

        synchronized byte[] bytes() {
            if (dropped == 0) {
                return bytes.toByteArray();
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(bytes.toByteArray());
            all.writeBytes(String.format("[dirt: %d more lines left out]\n", dropped).getBytes(UTF_8));
            return all.toByteArray();
        }
    }
}
