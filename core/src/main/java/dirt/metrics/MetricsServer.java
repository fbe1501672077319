package dirt.metrics;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dirt.config.ConfigException;
import dirt.config.ListenAddress;
import dirt.serve.ServeHealth;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /metrics} (Prometheus text format) and {@code GET /healthz} ({@code 200} with {@code ok: …}, or
 * {@code 503} with the reason, one line of text) on the {@code [serve] metrics} address only. Two threads: a health
 * check that waits for a hanging database never holds up a scrape, and checks run one at a time.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final HttpServer http;
    private final ExecutorService executor;
    private final Supplier<String> metrics;
    private final Supplier<ServeHealth.Verdict> health;

    private MetricsServer(HttpServer http, ExecutorService executor, Supplier<String> metrics,
            Supplier<ServeHealth.Verdict> health) {
        this.http = http;
        this.executor = executor;
        this.metrics = metrics;
        this.health = health;
    }

    /**
     * Listens on {@code address} and starts answering.
     *
     * @throws ConfigException when the address cannot be used (taken, not this machine's, not a host), naming the
     *     setting
     */
    public static MetricsServer start(ListenAddress address, Supplier<String> metrics,
            Supplier<ServeHealth.Verdict> health) {
        requireNonNull(address, "address is null");
        InetSocketAddress socket = new InetSocketAddress(address.host(), address.port());
        if (socket.isUnresolved()) {
            throw unusable(address, "host \"" + address.host() + "\" is not known");
        }
        HttpServer http;
        try {
            http = HttpServer.create(socket, 0);
        } catch (IOException e) {
            throw unusable(address, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        int number = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dirt-metrics-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        MetricsServer server = new MetricsServer(http, executor, requireNonNull(metrics, "metrics is null"),
                requireNonNull(health, "health is null"));
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    private static ConfigException unusable(ListenAddress address, String why) {
        return new ConfigException("cannot serve metrics at " + address + " ([serve] metrics in settings.toml): " + why
                + " — choose a free port on an address of this machine, e.g. \"127.0.0.1:9464\", or remove the"
                + " setting to serve no metrics");
    }

    /** Where it listens; the port the system chose when the settings asked for port 0. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                send(exchange, 405, TEXT, "method not allowed: use GET\n");
            } else if ("/metrics".equals(path)) {
                send(exchange, 200, PROMETHEUS_TEXT, metrics.get());
            } else if ("/healthz".equals(path)) {
                ServeHealth.Verdict verdict = check();
                send(exchange, verdict.healthy() ? 200 : 503, TEXT, verdict.reason() + "\n");
            } else {
                send(exchange, 404, TEXT, "not found: dirt serve answers /metrics and /healthz\n");
            }
        } catch (IOException | RuntimeException e) {
            log.warn("answering {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private synchronized ServeHealth.Verdict check() {
        return health.get();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops answering at once. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
