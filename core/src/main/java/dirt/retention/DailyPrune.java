package dirt.retention;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.store.ConflictException;
import dirt.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serve's daily prune. Every {@link #CHECK} it reads the document {@code retention:daily}; when the last prune
 * started a day ago or more (or never), it claims the next one by writing {@code started} and {@code server} onto that
 * document guarded by its {@code _rev}, so that of several servers on one database one prunes; the others see the new
 * {@code started}. Then it prunes and writes the summary ({@code finished}, {@code report}, or {@code error}) onto it.
 * The clock is passed in, so tests drive {@link #tick()} in set time.
 */
public final class DailyPrune implements AutoCloseable {
    public static final String ID = "retention:daily";
    static final String TYPE = "retention";
    /** How often a prune runs. */
    public static final Duration EVERY = Duration.ofDays(1);
    /** How often serve looks whether one is due. */
    static final Duration CHECK = Duration.ofMinutes(10);
    /** The first look, after serve started. */
    static final Duration FIRST_CHECK = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(DailyPrune.class);

    private final Store store;
    private final Pruner pruner;
    private final Clock clock;
    private final String server;
    private volatile boolean running;
    private volatile Thread thread;

    /** {@code server}: this server's name, written on the claim. */
    public DailyPrune(Store store, Pruner pruner, Clock clock, String server) {
        this.store = requireNonNull(store, "store is null");
        this.pruner = requireNonNull(pruner, "pruner is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.server = requireNonNull(server, "server is null");
    }

    /** Prunes when a prune is due and this server wins the claim; returns its report, else empty. */
    public synchronized Optional<PruneReport> tick() {
        Instant now = clock.instant();
        Optional<JsonObject> marker = store.get(ID);
        Optional<Instant> last = marker.flatMap(doc -> new DocumentReader(doc).epochSeconds("started"));
        if (last.isPresent() && last.get().plus(EVERY).isAfter(now)) {
            return Optional.empty();
        }
        JsonObject claim = DocumentWriter.copyOf(marker.orElseGet(() -> JsonObject.builder().put("_id", ID).build()))
                .string("type", TYPE).epochSeconds("started", now).string("server", server).remove("finished")
                .remove("report").remove("error").build();
        try {
            claim = claim.with("_rev", store.claim(claim));
        } catch (ConflictException e) {
            log.debug("another server claimed today's prune");
            return Optional.empty();
        }
        try {
            PruneReport report = pruner.prune(false);
            finish(claim, "report", report.json());
            return Optional.of(report);
        } catch (RuntimeException e) {
            log.warn("the daily prune failed: {}; trying again in a day (or run 'dirt prune')", e.getMessage());
            finish(claim, "error", new JsonString(String.valueOf(e.getMessage())));
            return Optional.empty();
        }
    }

    /** Writes {@code finished} and the outcome onto the marker, while it still holds this server's claim. */
    private void finish(JsonObject claim, String field, Json outcome) {
        Optional<Json> started = claim.get("started");
        try {
            store.update(ID, doc -> {
                if (!doc.get("started").equals(started) || !doc.string("server").equals(Optional.of(server))) {
                    return null;
                }
                return DocumentWriter.copyOf(doc).epochSeconds("finished", clock.instant()).json(field, outcome)
                        .build();
            });
        } catch (RuntimeException e) {
            log.warn("could not write the daily prune's summary onto {}: {}", ID, e.getMessage());
        }
    }

    /** Looks every {@link #CHECK} on a daemon thread, the first time {@link #FIRST_CHECK} after the start. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the daily prune is already started");
        }
        running = true;
        thread = new Thread(this::loop, "dirt-prune");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Duration wait = FIRST_CHECK;
        while (running) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            wait = CHECK;
            try {
                tick();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("looking whether a prune is due failed: {}; trying again", e.getMessage());
            }
        }
    }

    /** Stops looking; a prune under way is interrupted at its next request (what it deleted stays deleted). */
    @Override
    public void close() {
        running = false;
        Thread looking = thread;
        if (looking != null) {
            looking.interrupt();
            try {
                looking.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
