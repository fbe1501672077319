package dirt.serve;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonObject;
import dirt.DirtException;
import dirt.store.Feed;
import dirt.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whether {@code dirt serve} is healthy: it can write to the database, and it follows the changes feed (connected,
 * and not stuck behind it for {@link #STUCK}). The write is real: each check stores the time in the {@code _local}
 * document {@code _local/dirt-health-NAME} (never replicated, never in the changes feed), so a database that answers
 * reads but refuses writes (a full disk, revoked rights) is found.
 */
public final class ServeHealth {
    /** How long the feed's consumer may stay behind it before serve counts as stuck. */
    public static final Duration STUCK = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(50);

    /** A check's outcome: healthy or not, and why, in one line. */
    public record Verdict(boolean healthy, String reason) {
        public Verdict {
            requireNonNull(reason, "reason is null");
        }
    }

    private final Store store;
    private final String probeId;
    private final Supplier<Optional<Feed>> feed;
    private final Clock clock;

    /**
     * @param serverName the server's name ({@code --name}, the host name by default): names its probe document
     * @param feed the changes feed serve follows now, empty while it starts or stops
     */
    public ServeHealth(Store store, String serverName, Supplier<Optional<Feed>> feed, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.probeId = "_local/dirt-health-" + requireNonNull(serverName, "serverName is null");
        this.feed = requireNonNull(feed, "feed is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The check {@code dirt serve --check} runs on its own: follows the changes feed from now until it is connected
     * (at most {@code wait}), then checks as a running serve does.
     */
    public static Verdict once(Store store, String serverName, Duration wait, Clock clock)
            throws InterruptedException {
        Optional<Verdict> cannotWrite = new ServeHealth(store, serverName, Optional::empty, clock).write();
        if (cannotWrite.isPresent()) {
            return cannotWrite.get();
        }
        Feed following;
        try {
            following = store.follow(store.now(), change -> { });
        } catch (DirtException e) {
            return new Verdict(false, "cannot follow the changes feed: " + e.getMessage());
        }
        try (following) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!following.connected() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            }
            return new ServeHealth(store, serverName, () -> Optional.of(following), clock).check();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new Verdict(false, "cannot follow the changes feed: " + e.getMessage());
        }
    }

    /** Checks now: writes the probe, then looks at the feed. Never throws for a database problem. */
    public Verdict check() {
        Optional<Verdict> cannotWrite = write();
        if (cannotWrite.isPresent()) {
            return cannotWrite.get();
        }
        Optional<Feed> following = feed.get();
        if (following.isEmpty()) {
            return new Verdict(false, "not following the changes feed: serve is starting (reading the waiting tasks)"
                    + " or stopping");
        }
        if (!following.get().connected()) {
            return new Verdict(false, "not connected to the changes feed (reconnecting with backoff, "
                    + following.get().reconnects() + " reconnect(s) so far) — check that CouchDB runs and answers");
        }
        Duration behind = following.get().behind();
        if (behind.compareTo(STUCK) > 0) {
            return new Verdict(false, "stuck: " + behind.toSeconds() + " s behind the changes feed (more than "
                    + STUCK.toMinutes() + " min) — see serve's log");
        }
        return new Verdict(true, "ok: following the changes feed (" + behind.toMillis() / 1000.0
                + " s behind) and writing to the database");
    }

    private Optional<Verdict> write() {
        try {
            store.upsert(probeId, current -> {
                JsonObject.Builder probe = JsonObject.builder().put("_id", probeId)
                        .put("checked", clock.instant().getEpochSecond());
                current.flatMap(JsonObject::rev).ifPresent(rev -> probe.put("_rev", rev));
                return probe.build();
            });
            return Optional.empty();
        } catch (DirtException e) {
            return Optional.of(new Verdict(false, "cannot write to the database: " + e.getMessage()));
        }
    }
}
