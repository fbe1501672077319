package dirt.store.couch;

import com.fasterxml.jackson.databind.JsonNode;
import dirt.store.RequestObserver;
import dirt.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends requests to one CouchDB server: base URL, Basic auth header, timeouts, transport failures, debug logging. */
final class CouchHttp {
    static final String JSON = "application/json";
    private static final Logger log = LoggerFactory.getLogger(CouchClient.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final CouchConfig config;
    private final String base;
    private final String authorization;
    private final ExecutorService executor;
    private final HttpClient client;
    private final RequestObserver observer;

    CouchHttp(CouchConfig config, RequestObserver observer) {
        this.config = config;
        this.observer = observer;
        this.base = config.url() + "/";
        this.authorization = config.hasCredentials() ? basic(config.user(), config.password()) : null;
        int number = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dirt-couch-" + number + "-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        if ("http".equalsIgnoreCase(config.url().getScheme())) {
            withoutTls(builder);
        }
        this.client = builder.build();
    }

    /**
     * A client of a plain-HTTP server (it follows no redirects) never speaks TLS, and the JDK's default TLS context (its
     * trust store read, its providers loaded: about 0.15 s of CPU at every start of every command) would be made for
     * nothing. It gets one that is never initialized instead: a request over TLS would fail, never go out unchecked.
     */
    private static void withoutTls(HttpClient.Builder builder) {
        try {
            builder.sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters());
        } catch (NoSuchAlgorithmException e) {
            // no TLS at all in this JDK: the builder's default is as good
        }
    }

    /** What came back; {@code body} is empty for HEAD. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json(String what) {
            return CouchJson.parse(body, what);
        }

        /** The body as dirt's JSON, for answers that carry documents. */
        dirt.json.Json value(String what) {
            return CouchJson.value(body, what);
        }

        dirt.json.JsonObject object(String what) {
            return CouchJson.object(body, what);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("application/octet-stream");
        }
    }

    CouchConfig config() {
        return config;
    }

    HttpClient client() {
        return client;
    }

    Response json(String method, String path, JsonNode body) {
        return send(method, path, body == null ? null : CouchJson.bytes(body), JSON, JSON, config.requestTimeout());
    }

    /** Sends {@code body} (dirt's JSON, e.g. documents) written straight to JSON bytes. */
    Response send(String method, String path, dirt.json.Json body) {
        return send(method, path, dirt.json.Json.bytes(body), JSON, JSON, config.requestTimeout());
    }

    /**
     * Sends the request and reads the whole answer within {@code timeout}; the JDK's own timeout covers only the
     * wait for headers, so the deadline is enforced here.
     */
    Response send(String method, String path, byte[] body, String contentType, String accept, Duration timeout) {
        Response response = sendWithin(method, path, body, contentType, accept, timeout);
        if (response == null) {
            throw CouchErrors.timeout(config, method, path, timeout);
        }
        return response;
    }

    /** Like {@link #send}, but returns {@code null} when the answer did not complete within {@code timeout}. */
    Response sendWithin(String method, String path, byte[] body, String contentType, String accept,
                        Duration timeout) {
        HttpRequest.Builder request = request(path, accept).timeout(timeout);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        }
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            observe(method, response.statusCode(), null, started);
            log.debug("{} /{} -> {} in {} ms", method, path, response.statusCode(), millisSince(started));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            observe(method, 0, RequestObserver.Unanswered.TIMEOUT, started);
            log.debug("{} /{} got no complete answer within {} ms", method, path, timeout.toMillis());
            return null;
        } catch (ExecutionException e) {
            observe(method, 0, e.getCause() instanceof HttpTimeoutException ? RequestObserver.Unanswered.TIMEOUT
                    : RequestObserver.Unanswered.UNREACHABLE, started);
            log.debug("{} /{} failed after {} ms: {}", method, path, millisSince(started), e.getCause().toString());
            if (e.getCause() instanceof IOException io) {
                throw CouchErrors.transport(config, method, path, timeout, io);
            }
            throw new StoreException("CouchDB request failed: url=\"" + config.displayUrl() + "\" method=" + method
                    + " path=\"/" + path + "\" cause=\"" + e.getCause() + "\"", e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for CouchDB: method=" + method + " path=\"/" + path
                    + "\" url=\"" + config.displayUrl() + "\"", e);
        }
    }

    /** A request builder for {@code path} (relative to the base URL) with auth; no timeout set. */
    HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    void close() {
        executor.shutdownNow();
    }

    /** Tells the observer; a failing observer never fails a request. */
    private void observe(String method, int status, RequestObserver.Unanswered why, long started) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        try {
            if (why == null) {
                observer.answered(method, status, took);
            } else {
                observer.unanswered(method, why, took);
            }
        } catch (RuntimeException e) {
            log.debug("the request observer failed", e);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String basic(String user, String password) {
        String pair = user + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
