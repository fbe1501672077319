package dirt.notify;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dirt.store.StoreException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends claimed notifications on worker threads, never on the caller's: each channel on a thread of its own, so that
 * a slow or failing channel never delays the others, tried again with backoff ({@link Retry}, with Failsafe) while
 * its failure is retryable. When every channel is done the claim is finished ({@code sent}, or {@code failed} with
 * each channel's reason), written again until the database answers (a claim left {@code sending} would be sent again
 * at the next start). On stop, what is still being sent is cancelled and the channels that got it are recorded, so
 * that the next start sends only to the others.
 */
final class Delivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    /** How long the outcome of a delivery is written again while the database does not answer. */
    private static final RetryPolicy<Object> OUTCOME_RETRY = RetryPolicy.builder().handle(StoreException.class)
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(15)).withMaxDuration(Duration.ofMinutes(10))
            .withMaxAttempts(-1).build();

    private final List<Channel> channels;
    private final Retry retry;
    private final Marks marks;
    /** Each channel's worker, by channel id. */
    private final Map<String, ScheduledExecutorService> workers = new HashMap<>();
    private final DeliveryEvents events;
    private final Set<Sending> inFlight = ConcurrentHashMap.newKeySet();

    Delivery(List<Channel> channels, Retry retry, Marks marks, DeliveryEvents events) {
        this.events = events;
        this.channels = List.copyOf(channels);
        this.retry = retry;
        this.marks = marks;
        for (Channel channel : this.channels) {
            workers.computeIfAbsent(channel.id(), id -> Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "dirt-notify-" + id);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    /** Sends {@code notification}, claimed by {@code claim} on document {@code docId}, to the channels that lack it. */
    void deliver(String docId, Claim claim, Notification notification) {
        List<Channel> todo = channels.stream().filter(channel -> !claim.sentTo(channel.id())).toList();
        Sending sending = new Sending(docId, claim, notification, todo.size());
        inFlight.add(sending);
        if (todo.isEmpty()) {
            finish(sending);
            return;
        }
        for (Channel channel : todo) {
            CompletableFuture<Void> future = Failsafe.with(policy(channel, notification))
                    .with(workers.get(channel.id()))
                    .runAsync(() -> channel.send(notification));
            sending.futures.add(future);
            future.whenComplete((ok, error) -> {
                tell(channel.id(), error);
                if (sending.outcome(channel.id(), error == null ? Claim.SENT : "failed: " + message(error))) {
                    finish(sending);
                }
            });
        }
    }

    /** Waits until nothing is being sent, at most {@code timeout}; returns whether that happened. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlight) {
            while (!inFlight.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                inFlight.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** How many notifications are being sent. */
    int inFlight() {
        return inFlight.size();
    }

    /** Cancels what is still being sent, recording on each claim the channels that already got it. */
    void abandon() {
        for (Sending sending : List.copyOf(inFlight)) {
            Map<String, String> delivered = sending.abandon();
            try {
                marks.write(sending.docId, Marks.heldBy(sending.claim),
                        sending.claim.withChannels(delivered, Claim.State.SENDING));
            } catch (RuntimeException e) {
                log.warn("could not record which channels got \"{}\": {}", sending.notification.subject(),
                        e.getMessage());
            }
            log.info("notification \"{}\" left unfinished at stop; the next start of this server sends it",
                    sending.notification.subject());
            inFlight.remove(sending);
        }
    }

    /** Tells the events of a channel's outcome; a send cancelled at stop is neither delivered nor failed. */
    private void tell(String channel, Throwable error) {
        if (error == null) {
            events.delivered(channel);
        } else if (!(error instanceof CancellationException)) {
            events.failed(channel);
        }
    }

    private RetryPolicy<Object> policy(Channel channel, Notification notification) {
        var policy = RetryPolicy.builder()
                .handleIf(Delivery::retryable)
                .withMaxAttempts(retry.attempts());
        if (retry.maxDelay().compareTo(retry.firstDelay()) > 0) {
            policy.withBackoff(retry.firstDelay(), retry.maxDelay());
        } else {
            policy.withDelay(retry.firstDelay());
        }
        return policy
                // said when the attempt fails, not when the next one starts a backoff later
                .onFailedAttempt(event -> {
                    if (event.getAttemptCount() < retry.attempts() && retryable(event.getLastException())) {
                        log.warn("notification \"{}\" via {} failed (attempt {} of {}), trying again: {}",
                                notification.subject(), channel.id(), event.getAttemptCount(), retry.attempts(),
                                message(event.getLastException()));
                    }
                })
                .onFailure(event -> log.warn("notification \"{}\" via {} not delivered after {} attempt(s): {}",
                        notification.subject(), channel.id(), event.getAttemptCount(),
                        message(event.getException())))
                .build();
    }

    private void finish(Sending sending) {
        try {
            Map<String, String> outcomes = sending.outcomes();
            boolean all = outcomes.values().stream().allMatch(Claim.SENT::equals);
            Failsafe.with(OUTCOME_RETRY).run(() -> marks.write(sending.docId, Marks.heldBy(sending.claim),
                    sending.claim.withChannels(outcomes, all ? Claim.State.SENT : Claim.State.FAILED)));
            if (all) {
                log.info("notification \"{}\" sent via {}", sending.notification.subject(), outcomes.keySet());
            } else {
                log.warn("notification \"{}\" not sent to every channel: {}", sending.notification.subject(),
                        outcomes);
            }
        } catch (RuntimeException e) {
            log.warn("notification \"{}\" is done, but its outcome could not be recorded on {} (the next start of"
                    + " this server sends it again): {}", sending.notification.subject(), sending.docId,
                    e.getMessage());
        } finally {
            inFlight.remove(sending);
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
    }

    /** Whether a failed send may succeed if tried again (a refused login or a 4xx answer will not). */
    private static boolean retryable(Throwable error) {
        return !(error instanceof NotifyException e) || e.retryable();
    }

    /** Stops the channels' workers (after {@link #abandon}). */
    @Override
    public void close() {
        workers.values().forEach(ScheduledExecutorService::shutdownNow);
    }

    private static String message(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** One notification on its way to its channels. */
    private static final class Sending {
        final String docId;
        final Claim claim;
        final Notification notification;
        final List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
        private final int expected;
        private final Map<String, String> outcomes = new LinkedHashMap<>();
        private boolean abandoned;

        Sending(String docId, Claim claim, Notification notification, int expected) {
            this.docId = docId;
            this.claim = claim;
            this.notification = notification;
            this.expected = expected;
        }

        /** Records one channel's outcome; true when it was the last one. */
        synchronized boolean outcome(String channel, String outcome) {
            if (abandoned) {
                return false;
            }
            outcomes.put(channel, outcome);
            return outcomes.size() == expected;
        }

        synchronized Map<String, String> outcomes() {
            return Map.copyOf(outcomes);
        }

        /** Stops taking outcomes, cancels the sends; the channels that got the message. */
        Map<String, String> abandon() {
            synchronized (this) {
                abandoned = true;
            }
            futures.forEach(future -> future.cancel(true));
            Map<String, String> delivered = new LinkedHashMap<>();
            outcomes().forEach((channel, outcome) -> {
                if (Claim.SENT.equals(outcome)) {
                    delivered.put(channel, outcome);
                }
            });
            return delivered;
        }
    }
}
