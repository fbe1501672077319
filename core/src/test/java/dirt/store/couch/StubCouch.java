package dirt.store.couch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP stub on loopback for the few answers a real server can't be made to give on demand (errors, stalls).
 * Only for mapping tests; features are proven against real servers in {@link CouchContractTest}.
 */
final class StubCouch implements AutoCloseable {
    /** Answers one request. */
    interface Handler {
        void handle(HttpExchange exchange, int requestNumber, StubCouch self) throws IOException, InterruptedException;
    }

    /** One received request: method, URI as sent, and its Authorization header. */
    record Request(String method, URI uri, String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    StubCouch(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            try {
                handler.handle(exchange, requests.size(), this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return requests;
    }

    /** Blocks a handler until the stub closes (for stalled answers); bounded. */
    void holdUntilClosed() throws InterruptedException {
        released.await(30, TimeUnit.SECONDS);
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Starts a chunked 200 answer and writes {@code lines}, flushing each. */
    static OutputStream stream(HttpExchange exchange, String... lines) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        for (String line : lines) {
            body.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            body.flush();
        }
        return body;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
