package dirt.store;

import java.time.Duration;

/** A running follower of the changes feed ({@link Store#follow}): closing it stops it. */
public interface Feed extends AutoCloseable {
    /**
     * How often the server says that an idle feed's connection lives. A server that answers a new feed only when it has
     * news or a heartbeat to send (pouchdb-server) makes it {@link #connected()} within about this long.
     */
    Duration HEARTBEAT = Duration.ofSeconds(10);

    /** Whether a connection to the feed is open now. */
    boolean connected();

    /**
     * How long since the follower last had handed every change it had received to its consumer while its connection
     * was open: zero while it waits for news on an open connection, growing while the consumer works through a burst
     * and while the connection is down (it cannot know what it misses). Measured on this process's monotonic clock.
     */
    Duration behind();

    /** How many times it connected again after its first connection. */
    long reconnects();

    /** Stops following. */
    @Override
    void close();
}
