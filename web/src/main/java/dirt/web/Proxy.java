package dirt.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Passes the site's reads to CouchDB: {@code GET}/{@code HEAD} of {@code /db/PATH} to the project's database (only the
 * paths {@link DbPaths} allows) and {@code /_session} (sign in, who am I, sign out) to the server. Requests carry the
 * browser's own session cookie and {@code Authorization} and never dirt's credentials, so a viewer reads exactly what
 * CouchDB lets that viewer read. Every answer is sandboxed ({@code Content-Security-Policy: sandbox}), so a task's
 * output opened in the browser never runs as part of the site.
 */
final class Proxy {
    /** How long a longpoll of the changes feed may take; the site asks for 25 s, CouchDB answers within 60 s. */
    static final Duration CHANGES_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> FORWARDED = List.of("Cookie", "Authorization", "Accept", "If-None-Match");
    private static final List<String> RELAYED = List.of("Content-Type", "ETag", "Cache-Control");
    private static final Pattern COOKIE_DOMAIN = Pattern.compile("(?i);\\s*Domain=[^;]*");
    private static final int MAX_SESSION_BODY = 64 * 1024;

    private final String couch;
    private final String database;
    private final Duration requestTimeout;
    private final HttpClient client;

    Proxy(URI couch, String database, Duration connectTimeout, Duration requestTimeout) {
        String base = couch.toString();
        this.couch = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.database = DbPaths.encode(database);
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code /db/...}: a read of the database. */
    void database(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            SiteServer.json(exchange, 405, "method_not_allowed", "the site only reads the database: " + method
                    + " is not passed on — write with the dirt commands");
            return;
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String path;
        URI target;
        try {
            path = DbPaths.upstream(exchange.getRequestURI().getRawPath().substring("/db/".length()), rawQuery);
            target = URI.create(couch + "/" + database + "/" + path + (rawQuery == null ? "" : "?" + rawQuery));
        } catch (IllegalArgumentException e) {
            SiteServer.json(exchange, 400, "bad_request", e.getMessage());
            return;
        }
        Duration timeout = path.equals("_changes") ? CHANGES_TIMEOUT : requestTimeout;
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        forward(exchange, request, method.equals("HEAD"));
    }

    /** {@code /_session}: sign in ({@code POST} of JSON name and password), who is signed in, sign out. */
    void session(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getRawPath().equals("/_session")) {
            SiteServer.json(exchange, 404, "not_found", "no such path: " + exchange.getRequestURI().getRawPath());
            return;
        }
        if (!List.of("GET", "POST", "DELETE").contains(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, POST, DELETE");
            SiteServer.json(exchange, 405, "method_not_allowed", method + " /_session is not passed on");
            return;
        }
        if (!method.equals("GET") && !sameOrigin(exchange)) {
            SiteServer.json(exchange, 403, "forbidden", "sign-in and sign-out are accepted from the site's own pages"
                    + " only");
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(couch + "/_session")).timeout(requestTimeout);
        if (method.equals("POST")) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                SiteServer.json(exchange, 415, "bad_content_type", "sign in with a JSON body {\"name\": …,"
                        + " \"password\": …} and Content-Type: application/json");
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_SESSION_BODY + 1);
            if (body.length > MAX_SESSION_BODY) {
                SiteServer.json(exchange, 413, "too_large", "the sign-in request is larger than 64 KiB");
                return;
            }
            request.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        forward(exchange, request, false);
    }

    /**
     * Whether a request that changes the session comes from the site's own pages: a browser sends {@code Origin} with
     * every cross-site POST and DELETE, and this server answers no CORS preflight.
     */
    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin == null || host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private void forward(HttpExchange exchange, HttpRequest.Builder request, boolean head) throws IOException {
        for (String name : FORWARDED) {
            List<String> values = exchange.getRequestHeaders().get(name);
            if (values != null && name.equals("Cookie")) {
                sessionCookie(values).ifPresent(cookie -> request.header("Cookie", cookie));
            } else if (values != null) {
                values.forEach(value -> request.header(name, value));
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            SiteServer.json(exchange, 504, "gateway_timeout", "CouchDB did not answer in time: url=\"" + couch
                    + "\" — check that it runs and is not overloaded");
            return;
        } catch (IOException e) {
            SiteServer.json(exchange, 502, "bad_gateway", "CouchDB unreachable: url=\"" + couch + "\" cause=\""
                    + e + "\" — check that it runs");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SiteServer.json(exchange, 503, "unavailable", "the site is stopping");
            return;
        }
        relay(exchange, response, head);
    }

    /** CouchDB's {@code AuthSession} cookie alone: other cookies the browser keeps for this host are not CouchDB's. */
    private static Optional<String> sessionCookie(List<String> headers) {
        return headers.stream().flatMap(header -> Arrays.stream(header.split(";"))).map(String::strip)
                .filter(cookie -> cookie.startsWith("AuthSession=")).findFirst();
    }

    private static void relay(HttpExchange exchange, HttpResponse<InputStream> response, boolean head)
            throws IOException {
        HttpHeaders in = response.headers();
        var out = exchange.getResponseHeaders();
        RELAYED.forEach(name -> in.firstValue(name).ifPresent(value -> out.set(name, value)));
        in.allValues("Set-Cookie").forEach(cookie -> out.add("Set-Cookie", COOKIE_DOMAIN.matcher(cookie).replaceAll("")));
        SiteServer.sandbox(exchange);
        int status = response.statusCode();
        long length = in.firstValueAsLong("Content-Length").orElse(0);
        try (InputStream body = response.body()) {
            if (head || status == 204 || status == 304 || in.firstValue("Content-Length").isPresent() && length == 0) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length);
            try (OutputStream sink = exchange.getResponseBody()) {
                body.transferTo(sink);
            }
        }
    }
}
