package dirt.web;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dirt.DirtException;
import dirt.json.Json;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.store.DatabaseAddress;
import dirt.store.couch.CouchConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's web site, served by dirt itself on the JDK's HTTP server: the pages at {@code /}, the database's
 * documents, attachments, views and changes feed at {@code /db/...} and CouchDB's cookie sign-in at
 * {@code /_session}, both passed on to CouchDB with the browser's own credentials (see {@link Proxy}). CouchDB 3
 * sandboxes every attachment, so the pages cannot be served from the design document any more.
 *
 * <pre>{@code
 * try (SiteServer site = SiteServer.start(address, new InetSocketAddress("127.0.0.1", 5985))) {
 *     System.out.println("open " + site.url());
 *     ...
 * }
 * }</pre>
 */
public final class SiteServer implements AutoCloseable {
    /** The default address: loopback only, the port after CouchDB's. */
    public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 5985);
    /** At most this many requests are served at once (each open page holds one for its longpoll). */
    static final int MAX_THREADS = 200;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;
    private final URI couchUrl;

    private SiteServer(HttpServer server, ExecutorService executor, URI url, URI couchUrl) {
        this.server = server;
        this.executor = executor;
        this.url = url;
        this.couchUrl = couchUrl;
    }

    /**
     * Serves the site of the database at {@code address} on {@code listen} (port 0: any free port). The credentials in
     * {@code address} are never used: each viewer reads with their own.
     *
     * @throws DirtException when the address cannot be bound, e.g. the port is taken
     */
    public static SiteServer start(DatabaseAddress address, InetSocketAddress listen) {
        requireNonNull(address, "address is null");
        var couch = new CouchConfig(address.url(), null, null, address.connectTimeout(), address.requestTimeout())
                .withCredentials(null, null);
        return start(couch, address.database(), listen);
    }

    /**
     * Serves the site of {@code database} on the CouchDB server at {@code couch.url()} on {@code listen} (port 0: any
     * free port). The credentials in {@code couch} are never used: each viewer reads with their own.
     *
     * @throws DirtException when the address cannot be bound, e.g. the port is taken
     */
    public static SiteServer start(CouchConfig couch, String database, InetSocketAddress listen) {
        requireNonNull(couch, "couch is null");
        requireNonNull(database, "database is null");
        requireNonNull(listen, "listen is null");
        HttpServer server;
        try {
            server = HttpServer.create(listen, 50);
        } catch (BindException e) {
            throw new DirtException("cannot serve the web site: address=\"" + show(listen) + "\" cause=\""
                    + e.getMessage() + "\" — stop what listens there, or choose another address with --listen"
                    + " HOST:PORT", e);
        } catch (IOException e) {
            throw new DirtException("cannot serve the web site: address=\"" + show(listen) + "\" cause=\"" + e
                    + "\" — choose another address with --listen HOST:PORT", e);
        }
        Proxy proxy = new Proxy(couch.url(), database, couch.connectTimeout(), couch.requestTimeout());
        boolean loopback = !reachableByOthers(listen);
        Pages pages = new Pages();
        server.createContext("/", handler(loopback, pages::handle));
        server.createContext("/db/", handler(loopback, proxy::database));
        server.createContext("/_session", handler(loopback, proxy::session));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "dirt-web-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        server.setExecutor(executor);
        server.start();
        InetSocketAddress bound = server.getAddress();
        return new SiteServer(server, executor, URI.create("http://" + host(listen) + ":" + bound.getPort() + "/"),
                couch.url());
    }

    /** The site's front page, e.g. {@code http://127.0.0.1:5985/}. */
    public URI url() {
        return url;
    }

    /** The CouchDB server the site passes reads on to, without credentials. */
    public URI couchUrl() {
        return couchUrl;
    }

    /** The address the server listens on, with the port it got. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops serving; open requests (e.g. longpolls) are cut. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Whether {@code address} can be reached by other machines (not loopback). */
    public static boolean reachableByOthers(InetSocketAddress address) {
        return address.getAddress() == null || !address.getAddress().isLoopbackAddress();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /**
     * {@code handler}, closing the exchange after it. On a loopback address only requests for a loopback host name are
     * served, so that a web page whose name an attacker points at 127.0.0.1 (DNS rebinding) cannot read the site.
     */
    private static HttpHandler handler(boolean loopback, Handler handler) {
        return exchange -> {
            try {
                if (loopback && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                    plain(exchange, 403, "this site answers only to 127.0.0.1, localhost and [::1] — open it by one of"
                            + " these names");
                } else {
                    handler.handle(exchange);
                }
            } finally {
                exchange.close();
            }
        };
    }

    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.strip().toLowerCase(java.util.Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Adds the headers every proxied answer carries: it never runs as part of the site. */
    static void sandbox(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", "sandbox");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
    }

    /** Answers {@code {"error": error, "reason": reason}}, as CouchDB does, so the pages show the reason. */
    static void json(HttpExchange exchange, int status, String error, String reason) throws IOException {
        byte[] body = Json.bytes(JsonObject.builder().put("error", error)
                .put("reason", reason == null ? JsonNull.NULL : new JsonString(reason)).build());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        sandbox(exchange);
        send(exchange, status, body);
    }

    /** Answers {@code text} as plain text. */
    static void plain(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        sandbox(exchange);
        send(exchange, status, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String host(InetSocketAddress listen) {
        if (listen.getAddress() != null && listen.getAddress().isAnyLocalAddress()) {
            return "localhost";
        }
        String host = listen.getHostString();
        return listen.getAddress() instanceof Inet6Address && !host.startsWith("[") && host.contains(":")
                ? "[" + host + "]" : host;
    }

    private static String show(InetSocketAddress listen) {
        return host(listen) + ":" + listen.getPort();
    }

    @Override
    public String toString() {
        return "SiteServer[" + url + "]";
    }
}
