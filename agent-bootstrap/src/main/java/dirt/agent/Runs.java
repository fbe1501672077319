package dirt.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs under way, by task id, so that {@code cancel} and the end of the agent can stop them. A run waits on its
 * {@link Handle#cancelled()} signal besides its task, and stops the task itself when it fires.
 */
final class Runs {
    private final Map<Long, Handle> running = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** How long a cancel that found no run waits for one to start. */
    static final Duration EARLY_CANCEL = Duration.ofSeconds(30);
    /** Cancels that found no run, by task id: when they came ({@link System#nanoTime}). */
    private final Map<String, Long> cancelledEarly = new ConcurrentHashMap<>();

    /** Registers a run of {@code taskId}; closing the handle marks it finished. */
    synchronized Handle start(String taskId) {
        Handle handle = new Handle(sequence.incrementAndGet(), taskId);
        running.put(handle.key, handle);
        Long asked = cancelledEarly.remove(taskId);
        if (asked != null && System.nanoTime() - asked < EARLY_CANCEL.toNanos()) {
            handle.cancelled.complete(null);
        }
        return handle;
    }

    /**
     * Signals every run of {@code taskId} to stop; how many there were. With none, a run of it that starts within
     * {@link #EARLY_CANCEL} stops at once: a cancel sent just after the run request can overtake it.
     */
    synchronized int cancel(String taskId) {
        int count = 0;
        for (Handle handle : running.values()) {
            if (handle.taskId.equals(taskId)) {
                handle.cancelled.complete(null);
                count++;
            }
        }
        if (count == 0) {
            long now = System.nanoTime();
            cancelledEarly.values().removeIf(asked -> now - asked >= EARLY_CANCEL.toNanos());
            cancelledEarly.put(taskId, now);
        }
        return count;
    }

    /** Signals every run to stop, and waits at most {@code timeout} for them to finish. */
    void cancelAll(Duration timeout) {
        List<Handle> all = List.copyOf(running.values());
        all.forEach(handle -> handle.cancelled.complete(null));
        CompletableFuture<?>[] finished = all.stream().map(handle -> handle.finished).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(finished).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the agent is ending anyway: what could be stopped was
        }
    }

    /** How the wait for a task ended. */
    enum Ending {
        ENDED, TIMED_OUT, CANCELLED
    }

    /** How many runs are under way. */
    int size() {
        return running.size();
    }

    /** One run under way. */
    final class Handle implements AutoCloseable {
        private final long key;
        private final String taskId;
        private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();

        private Handle(long key, String taskId) {
            this.key = key;
            this.taskId = taskId;
        }

        /** Completes when the run is to stop: {@code cancel}, or the agent ends. */
        CompletableFuture<Void> cancelled() {
            return cancelled;
        }

        /**
         * Waits for {@code task} to end, at most {@code timeout}, and says how the wait ended: the task ended, the
         * time ran out, or the run was cancelled (whichever came first).
         */
        Ending await(CompletableFuture<?> task, Duration timeout) throws InterruptedException {
            try {
                CompletableFuture.anyOf(task, cancelled).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // the task failed: it ended
            } catch (TimeoutException e) {
                return task.isDone() ? Ending.ENDED : Ending.TIMED_OUT;
            }
            return task.isDone() ? Ending.ENDED : Ending.CANCELLED;
        }

        @Override
        public void close() {
            running.remove(key);
            finished.complete(null);
        }
    }
}
