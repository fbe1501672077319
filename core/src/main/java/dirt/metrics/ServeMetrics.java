package dirt.metrics;

import dirt.notify.DeliveryEvents;
import dirt.serve.ServeEvents;
import dirt.serve.ServeState;
import dirt.serve.ServeState.NodeSlots;
import dirt.serve.ServeState.WaitCause;
import dirt.serve.Server;
import dirt.store.Feed;
import dirt.store.RequestObserver;
import dirt.task.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * dirt serve's meters, in one Micrometer registry scraped as Prometheus text. Counters grow with serve's events; the
 * gauges read the {@link Server}'s state when scraped. Task names are labels, at most {@link #MAX_TASK_NAMES}
 * different ones (later ones count as {@code other}), so that posted documents cannot grow the scrape without bound.
 */
public final class ServeMetrics implements ServeEvents, RequestObserver, DeliveryEvents, AutoCloseable {
    static final int MAX_TASK_NAMES = 500;
    /** The buckets of the CouchDB request histogram: from a loopback round trip to the request timeout. */
    private static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> taskNames = ConcurrentHashMap.newKeySet();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private MultiGauge busySlots;
    private MultiGauge freeSlots;
    private volatile Server server;

    public ServeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * Reads the gauges from {@code server} from now on: waiting tasks by cause, each node's slots, the changes feed.
     *
     * @param name the server's name ({@code --name}), shown as a label of {@code dirt_serve_info}
     */
    public void watch(Server server, String name, String database) {
        this.server = server;
        Gauge.builder("dirt.serve.info", () -> 1).description("This serve: its name and database")
                .tags("server", name, "database", database).register(registry);
        for (WaitCause cause : WaitCause.values()) {
            Gauge.builder("dirt.tasks.waiting", () -> state().waiting().get(cause))
                    .description("Tasks this server may start that wait, by why, as of its last pass")
                    .tag("reason", label(cause)).register(registry);
        }
        busySlots = MultiGauge.builder("dirt.node.slots.busy").description("Slots of the node running a task, on any"
                + " server").register(registry);
        freeSlots = MultiGauge.builder("dirt.node.slots.free").description("Slots of the node a new task could take"
                + " now (none while it is disabled, quarantined, out of disk or unreachable)").register(registry);
        Gauge.builder("dirt.changes.feed.connected", () -> feed().map(feed -> feed.connected() ? 1 : 0).orElse(0))
                .description("1 while serve is connected to the database's changes feed").register(registry);
        Gauge.builder("dirt.changes.feed.behind", () -> feed().map(feed -> feed.behind().toNanos() / 1e9)
                        .orElse(Double.NaN))
                .description("Seconds since serve last had handled every change it had received on an open"
                        + " connection; 0 while it waits for news, NaN before it follows the feed")
                .baseUnit("seconds").register(registry);
        FunctionCounter.builder("dirt.changes.feed.reconnects", this,
                        metrics -> metrics.feed().map(Feed::reconnects).orElse(0L))
                .description("Times the changes feed tried to connect again (each attempt during an outage counts)")
                .register(registry);
    }

    /** The meters in the Prometheus text format (version 0.0.4), the per-node gauges read now. */
    public String scrape() {
        if (busySlots != null) {
            List<NodeSlots> nodes = state().nodes();
            busySlots.register(nodes.stream().map(node -> MultiGauge.Row.of(Tags.of("node", node.node()),
                    node.busy())).toList(), true);
            freeSlots.register(nodes.stream().map(node -> MultiGauge.Row.of(Tags.of("node", node.node()),
                    node.free())).toList(), true);
        }
        return registry.scrape();
    }

    private ServeState state() {
        Server watched = server;
        return watched == null ? ServeState.empty() : watched.state();
    }

    private Optional<Feed> feed() {
        Server watched = server;
        return watched == null ? Optional.empty() : watched.feed();
    }

    // ---- serve's events

    @Override
    public void claimed(String task) {
        counter("dirt.tasks.claimed", "Attempts of tasks this server claimed", "task", task(task)).increment();
    }

    @Override
    public void completed(String task, TaskStatus outcome) {
        counter("dirt.tasks.completed", "Tasks this server completed, by outcome as stored", "task", task(task),
                "outcome", label(outcome)).increment();
    }

    @Override
    public void retried(String task) {
        counter("dirt.tasks.retried", "Failed tries that wait to be tried again", "task", task(task)).increment();
    }

    @Override
    public void lost(String task, Lost cause) {
        counter("dirt.runs.lost", "Runs lost with their node, or found lost with their server, sent back to waiting",
                "cause", label(cause)).increment();
    }

    @Override
    public void conflict(Conflict what) {
        counter("dirt.claim.conflicts", "Claims this server wrote that another writer won", "what", label(what))
                .increment();
    }

    // ---- CouchDB requests

    @Override
    public void answered(String method, int status, Duration took) {
        Timer.builder("dirt.couch.requests").description("CouchDB requests answered, by method and status")
                .tags("method", method, "status", Integer.toString(status))
                .serviceLevelObjectives(REQUEST_BUCKETS).register(registry).record(took);
        if (status >= 500) {
            error(method, "server_error");
        } else if (status == 401 || status == 403) {
            error(method, "refused");
        }
    }

    @Override
    public void unanswered(String method, Unanswered why, Duration took) {
        error(method, label(why));
    }

    private void error(String method, String cause) {
        counter("dirt.couch.request.errors", "CouchDB requests that failed: no answer (timeout, unreachable), a"
                + " server error (5xx) or refused credentials (401, 403)", "method", method, "cause", cause)
                .increment();
    }

    // ---- notifications

    @Override
    public void delivered(String channel) {
        counter("dirt.notifications.delivered", "Notifications a channel took", "channel", channel).increment();
    }

    @Override
    public void failed(String channel) {
        counter("dirt.notifications.failed", "Notifications a channel did not take after every retry", "channel",
                channel).increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** The task name as a label: blank as {@code unnamed}, and {@code other} once there are too many. */
    private String task(String name) {
        String label = name.isBlank() ? "unnamed" : name;
        if (taskNames.contains(label) || taskNames.size() < MAX_TASK_NAMES && taskNames.add(label)) {
            return label;
        }
        return "other";
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
