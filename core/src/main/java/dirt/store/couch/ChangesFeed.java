package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.store.Feed;
import dirt.store.StoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running follower of a database's continuous changes feed, started by {@link CouchDatabase#follow}. It delivers
 * each change to its consumer on its own daemon thread, skips heartbeats, treats twice the heartbeat without data as
 * a dead connection, and reconnects from the last seen seq with exponential backoff (250 ms doubling up to 30 s).
 * {@link #close()} stops it promptly and waits (bounded) for the thread to end.
 */
final class ChangesFeed implements Feed {
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ChangesFeed.class);

    private final ContinuousChanges source;
    private final Consumer<Change> consumer;
    private final Consumer<ChangesFeed> onClose;
    private final Thread thread;
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean connected;
    /** Whether a connection is open now ({@link #connected} stays set until the next try, for the backoff). */
    private volatile boolean open;
    /** Whether the reader waits for news with nothing left to hand over. */
    private volatile boolean waiting;
    /** When the reader last had nothing left to hand over, on {@link System#nanoTime()}. */
    private volatile long caughtUpNanos = System.nanoTime();
    private volatile Seq lastSeq;

    ChangesFeed(ContinuousChanges source, Consumer<Change> consumer, Consumer<ChangesFeed> onClose) {
        this.source = source;
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.onClose = onClose;
        this.thread = new Thread(this::run, "dirt-changes-" + source.databaseName());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * The seq of the last change delivered, or where the feed starts; empty until the start is known. With
     * {@link Seq#NOW} the start is pinned before the first connection, so every change made once this is present
     * will be delivered.
     */
    public Optional<Seq> lastSeq() {
        return Optional.ofNullable(lastSeq);
    }

    /** How many times the feed tried to connect again after its first attempt (each try of an outage counts). */
    @Override
    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public boolean connected() {
        return open && !closed;
    }

    @Override
    public Duration behind() {
        return waiting && connected() ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - caughtUpNanos);
    }

    /** Whether the feed's thread still runs (it runs until closed, across reconnects). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops the feed; idempotent. Waits up to 5 s for the consumer to return unless called from the consumer. */
    @Override
    public void close() {
        closed = true;
        source.abort();
        thread.interrupt();
        onClose.accept(this);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Duration backoff = INITIAL_BACKOFF;
        boolean first = true;
        try {
            while (!closed) {
                if (!first) {
                    reconnects.incrementAndGet();
                }
                first = false;
                connected = false;
                backoff = connectOnce(backoff);
                if (!closed) {
                    Thread.sleep(backoff.toMillis());
                    backoff = connected ? backoff : min(backoff.multipliedBy(2), MAX_BACKOFF);
                }
            }
        } catch (InterruptedException e) {
            log.debug("changes feed of db=\"{}\" interrupted", source.databaseName());
        } finally {
            log.debug("changes feed of db=\"{}\" stopped at since={}", source.databaseName(), lastSeq);
        }
    }

    /** One connection; returns the backoff to wait before the next one. */
    private Duration connectOnce(Duration backoff) throws InterruptedException {
        try {
            Seq from = lastSeq != null ? lastSeq : source.start();
            if (lastSeq == null && from != null) {
                lastSeq = from;
            }
            ContinuousChanges.End end;
            try {
                end = source.stream(from, new Listener());
            } finally {
                open = false;
                waiting = false;
            }
            if (end == ContinuousChanges.End.SILENT && !closed) {
                log.warn("changes feed of db=\"{}\" got no data for twice the heartbeat; reconnecting since={}",
                        source.databaseName(), lastSeq);
            }
            return connected ? INITIAL_BACKOFF : backoff;
        } catch (StoreException e) {
            Duration next = connected ? INITIAL_BACKOFF : backoff;
            if (!closed) {
                log.warn("changes feed of db=\"{}\" lost: {} — reconnecting in {} ms since={}",
                        source.databaseName(), e.getMessage(), next.toMillis(), lastSeq);
            }
            return next;
        } catch (RuntimeException e) {
            log.warn("changes feed of db=\"{}\" failed unexpectedly; reconnecting in {} ms since={}",
                    source.databaseName(), backoff.toMillis(), lastSeq, e);
            return backoff;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Keeps the position and hands changes to the consumer, shielding the loop from its failures. */
    private final class Listener implements ContinuousChanges.Listener {
        @Override
        public void connected() {
            connected = true;
            open = true;
        }

        @Override
        public void waiting(boolean now) {
            caughtUpNanos = System.nanoTime();
            waiting = now;
        }

        @Override
        public void change(Change change) {
            if (closed) {
                return;
            }
            try {
                consumer.accept(change);
            } catch (RuntimeException e) {
                log.warn("changes consumer failed for db=\"{}\" id=\"{}\" seq={}; going on", source.databaseName(),
                        change.id(), change.seq(), e);
            }
            lastSeq = change.seq();
        }

        @Override
        public void lastSeq(Seq seq) {
            lastSeq = seq;
        }
    }

    @Override
    public String toString() {
        return "ChangesFeed[db=" + source.databaseName() + ", lastSeq=" + lastSeq + ", running=" + isRunning() + "]";
    }
}
