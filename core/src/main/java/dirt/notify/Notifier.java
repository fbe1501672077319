package dirt.notify;

import static java.util.Objects.requireNonNull;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dirt.json.JsonObject;
import dirt.config.NotifySettings;
import dirt.config.Settings;
import dirt.store.ChangeToken;
import dirt.store.Checkpoint;
import dirt.store.Store;
import dirt.store.StoreChange;
import dirt.store.StoreException;
import dirt.webhook.WebhookClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications next to {@code dirt serve}: follows the database's changes from its own checkpoint
 * ({@code _local/dirt-notify-NAME}), and for each completed task decides, claims and sends (see {@link Completions}).
 *
 * <p><b>Delivery guarantee: claim, then send.</b> Before sending, the notifier writes {@code notified} onto the task
 * document under its {@code _rev}; of several servers, only the one whose write succeeds sends. The checkpoint only
 * moves past a change once its claim is stored, so a completion is never skipped. A claim not finished (a crash, or a
 * stop while a channel was still being retried) is taken over by the next start of the same server, or after
 * {@link #STALE_AFTER} by any server, and sent to the channels that had not got it. So a completion is notified once;
 * only a crash between a channel accepting a message and the claim recording it repeats that channel's message (with
 * the same {@code X-Dirt-Delivery} id, so a receiver can drop it).
 */
public final class Notifier implements AutoCloseable {
    /** How long {@link #close()} lets messages still being sent finish. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** A claim still {@code sending} after this long was abandoned by its server; any notifier takes it over. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    /** A store that fails (CouchDB restarting) is tried again for up to two minutes before giving up. */
    private static final RetryPolicy<Object> STORE_RETRY = RetryPolicy.builder().handle(StoreException.class)
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(15)).withMaxDuration(Duration.ofMinutes(2))
            .withMaxAttempts(-1).build();

    private final Store store;
    private final Checkpoint checkpoint;
    private final Completions completions;
    private final Delivery delivery;
    /** Looks for stale claims; the channels send on workers of their own ({@link Delivery}). */
    private final ScheduledExecutorService sweeper;
    private final List<Channel> channels;
    private final Clock clock;
    private volatile AutoCloseable feed;
    private volatile long lastChangeNanos = System.nanoTime();
    private volatile long lastCheckpointNanos;
    private volatile ChangeToken processed;
    private volatile boolean frozen;

    Notifier(NotifySettings settings, Store store, String project, URI site, String serverName,
            List<Channel> channels, Retry retry, Duration staleAfter, Clock clock) {
        this(settings, store, project, site, serverName, channels, retry, staleAfter, DeliveryEvents.NONE, clock);
    }

    Notifier(NotifySettings settings, Store store, String project, URI site, String serverName,
            List<Channel> channels, Retry retry, Duration staleAfter, DeliveryEvents events, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.channels = List.copyOf(channels);
        this.checkpoint = new Checkpoint(store, "_local/dirt-notify-" + serverName);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dirt-notify-sweep");
            thread.setDaemon(true);
            return thread;
        });
        Marks marks = new Marks(store);
        this.delivery = new Delivery(channels, retry, marks, events);
        Composer composer = new Composer(store, new Messages(project, new Links(site), settings.nospam()), clock);
        var identity = new Completions.Identity(serverName, UUID.randomUUID().toString(), staleAfter);
        this.completions = new Completions(settings, store, composer, marks, delivery, identity, clock);
    }

    /**
     * The notifier the project's {@code [notify]} settings ask for, or empty when they name no channel.
     * {@code siteUrl} is where the web site's pages are, used unless {@code [notify] site_url} is set; the webhooks are
     * posted through {@code webhooks}.
     */
    public static Optional<Notifier> fromSettings(Settings settings, Store store, WebhookClient webhooks, URI siteUrl,
            String serverName, Clock clock) {
        return fromSettings(settings, store, webhooks, siteUrl, serverName, DeliveryEvents.NONE, clock);
    }

    /**
     * {@link #fromSettings(Settings, Store, WebhookClient, URI, String, Clock)} that tells {@code events} of every
     * delivery.
     */
    public static Optional<Notifier> fromSettings(Settings settings, Store store, WebhookClient webhooks, URI siteUrl,
            String serverName, DeliveryEvents events, Clock clock) {
        requireNonNull(webhooks, "webhooks is null");
        NotifySettings notify = settings.notifications();
        if (!notify.hasChannels()) {
            return Optional.empty();
        }
        List<Channel> channels = new ArrayList<>();
        notify.email().ifPresent(email -> channels.add(new EmailChannel(email, clock)));
        notify.webhooks().forEach(webhook -> channels.add(new WebhookChannel(webhook, webhooks, clock)));
        if (notify.console()) {
            channels.add(new ConsoleChannel());
        }
        return Optional.of(new Notifier(notify, store, settings.project().name(), notify.siteUrl().orElse(siteUrl),
                serverName, channels, Retry.DEFAULT, STALE_AFTER, events, clock));
    }

    /** Installs or updates the views notifications read ({@code _design/dirt-notify}); returns whether it wrote. */
    public static boolean installViews(Store store) {
        return store.ensureDocument(designDocument());
    }

    /** {@code _design/dirt-notify}, the views notifications read. */
    public static JsonObject designDocument() {
        return NotifyViews.designDocument();
    }

    /** Installs the views, resumes unfinished claims, and follows the changes from the checkpoint. */
    public void start() {
        installViews(store);
        Optional<ChangeToken> saved = checkpoint.load();
        ChangeToken since = saved.orElseGet(store::now);
        processed = since;
        completions.resumeClaims(true);
        feed = store.follow(since, this::onChange);
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("notifications on: {}", channels.stream().map(Channel::id).toList());
    }

    /**
     * Lets the feed bring the last completions, stops following, gives messages being sent up to {@code grace},
     * records where the others stand (the next start sends them) and saves the checkpoint.
     */
    public void stop(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (System.nanoTime() - lastChangeNanos < QUIET.toNanos() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            closeFeed();
            delivery.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } finally {
            closeFeed();
            if (delivery.inFlight() > 0) {
                delivery.abandon();
            }
            sweeper.shutdownNow();
            delivery.close();
            saveCheckpoint();
        }
    }

    /** {@link #stop} with {@link #STOP_GRACE}; an interrupt cuts the grace short and is kept. */
    @Override
    public void close() {
        try {
            stop(STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onChange(StoreChange change) {
        lastChangeNanos = System.nanoTime();
        try {
            change.document()
                    .ifPresent(doc -> Failsafe.with(STORE_RETRY).run(() -> completions.seen(doc)));
        } catch (FailsafeException | StoreException e) {
            frozen = true;
            log.error("cannot handle the completion in document {}: {} — it is notified when this server starts"
                    + " again", change.id(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.warn("skipping change of document {}: {}", change.id(), e.toString());
        }
        processed = change.token();
        if (System.nanoTime() - lastCheckpointNanos >= CHECKPOINT_EVERY.toNanos()) {
            saveCheckpoint();
        }
    }

    /** The checkpoint stays where it is once a completion could not be handled, so that a restart sees it. */
    private void saveCheckpoint() {
        if (frozen || processed == null) {
            return;
        }
        lastCheckpointNanos = System.nanoTime();
        try {
            checkpoint.save(processed);
        } catch (RuntimeException e) {
            log.warn("cannot save the notification checkpoint: {}", e.getMessage());
        }
    }

    private void sweep() {
        try {
            completions.resumeClaims(false);
        } catch (RuntimeException e) {
            log.warn("cannot look for abandoned notification claims: {}", e.getMessage());
        }
    }

    private void closeFeed() {
        AutoCloseable open = feed;
        feed = null;
        if (open != null) {
            try {
                open.close();
            } catch (Exception e) {
                log.debug("closing the changes feed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Notifier[" + channels.stream().map(Channel::id).toList() + ", " + clock + "]";
    }
}
