package dirt.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site's files from the classpath ({@code dirt/web/site/}): {@code GET} or {@code HEAD} of {@code /},
 * {@code /index.html}, the other pages, their scripts ({@link #SCRIPTS}) and {@code /dirt.css}. Every page gets the header all pages
 * share ({@code header.html}) spliced in, and every answer a Content-Security-Policy that allows only the site's own
 * script and style sheet.
 */
final class Pages {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final String HEADER_INCLUDE = "<!--#include header.html-->";
    private static final List<String> PAGES = List.of("index.html", "records.html", "record.html", "task.html",
            "nodes.html", "schedules.html");
    /** The scripts: shared modules under lib/, one module per page under pages/ (ES modules, no build step). */
    static final List<String> SCRIPTS = List.of("lib/html.js", "lib/couch.js", "lib/ui.js", "pages/grid.js",
            "pages/records.js", "pages/record.js", "pages/task.js", "pages/nodes.js", "pages/schedules.js");

    private final Map<String, Page> pages = load();

    private record Page(String contentType, byte[] body) {}

    /** Answers a request for a page (any path that is not {@code /db/...} or {@code /_session}). */
    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Page page = pages.get(path.equals("/") ? "/index.html" : path);
        String method = exchange.getRequestMethod();
        if (page == null) {
            SiteServer.plain(exchange, 404, "no such page: " + path + " — the site starts at /");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            SiteServer.plain(exchange, 405, "method not allowed: " + method + " — the site's pages are read-only");
        } else {
            send(exchange, page, method.equals("HEAD"));
        }
    }

    private static void send(HttpExchange exchange, Page page, boolean head) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", page.contentType());
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-cache");
        if (head) {
            headers.set("Content-Length", String.valueOf(page.body().length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, page.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page.body());
        }
    }

    /** The site's files by their path on the server, read once. */
    private static Map<String, Page> load() {
        Map<String, Page> pages = new LinkedHashMap<>();
        String header = text("site/header.html").stripTrailing();
        for (String name : PAGES) {
            byte[] html = text("site/" + name).replace(HEADER_INCLUDE, header).getBytes(StandardCharsets.UTF_8);
            pages.put("/" + name, new Page("text/html; charset=utf-8", html));
        }
        for (String script : SCRIPTS) {
            pages.put("/" + script, new Page("text/javascript; charset=utf-8", Site.bytes("site/" + script)));
        }
        pages.put("/dirt.css", new Page("text/css; charset=utf-8", Site.bytes("site/dirt.css")));
        return Map.copyOf(pages);
    }

    private static String text(String resource) {
        return new String(Site.bytes(resource), StandardCharsets.UTF_8);
    }
}
