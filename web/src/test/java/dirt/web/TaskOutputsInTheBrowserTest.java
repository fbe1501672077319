package dirt.web;

import static dirt.web.Fixtures.completed;
import static dirt.web.Fixtures.record;
import static dirt.web.Fixtures.started;
import static dirt.web.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dirt.store.couch.Attachment;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.DocRef;
import dirt.store.couch.TestCouch;
import dirt.web.browser.Browser;
import dirt.web.browser.BrowserExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 11, "task outputs are never active in the site", in headless Chromium: files a task could leave, stored with
 * an active content type by someone who writes to the database directly (past serve, which stores them as
 * {@code text/plain}), opened by their links on the record page. Their scripts would retitle the page and call a
 * loopback "beacon" server of the test; a control serves the same files from the beacon without the site's headers,
 * so that the absence of a call means the site stopped the script, not that the script was broken.
 */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class TaskOutputsInTheBrowserTest {
    private CouchDatabase db;
    private TestSite testSite;
    private String site;
    private HttpServer beacon;
    private String beaconUrl;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> controlFiles = new ConcurrentHashMap<>();

    @BeforeEach
    void site_and_beacon(TestCouch couch) throws IOException {
        db = couch.database();
        testSite = TestSite.open(couch, db);
        site = testSite.url();
        beacon = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        beacon.createContext("/ran/", exchange -> answer(exchange, 204, "text/plain", new byte[0], () ->
                calls.add(exchange.getRequestURI().getPath().substring("/ran/".length()))));
        beacon.createContext("/control/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/control/".length());
            byte[] body = controlFiles.get(name);
            answer(exchange, body == null ? 404 : 200, name.endsWith(".svg") ? "image/svg+xml" : "text/html",
                    body == null ? new byte[0] : body, () -> { });
        });
        beacon.start();
        beaconUrl = "http://127.0.0.1:" + beacon.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        testSite.close();
        beacon.stop(0);
    }

    @Test
    void a_page_or_svg_a_task_left_runs_no_script_when_opened_from_the_site(Browser browser) {
        byte[] page = page("report.html").getBytes(StandardCharsets.UTF_8);
        byte[] svg = svg("logo.svg").getBytes(StandardCharsets.UTF_8);
        controlFiles.put("report.html", page);
        controlFiles.put("logo.svg", svg);
        browser.open(beaconUrl + "control/report.html");
        assertThat(browser.title()).as("control: the page runs its script off the site").isEqualTo("pwned");
        browser.open(beaconUrl + "control/logo.svg");
        assertThat(calls).as("control: both files call the beacon off the site").contains("report.html", "logo.svg");
        calls.clear();

        db.bulkDocs(List.of(record("r1", 100)));
        attach(completed(started(task("t1", "r1", "written_directly", 100), "node-a", 101), 102, true, null),
                Map.of("report.html", new Attachment("text/html", page),
                        "logo.svg", new Attachment("image/svg+xml", svg)));
        attach(completed(started(task("t2", "r1", "stored_by_serve", 100), "node-a", 101), 102, true, null),
                Map.of("report.html", new Attachment("text/plain", page)));

        browser.open(site + "record.html?id=r1").waitUntil(
                ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        String htmlLink = link(browser, "t1", "report.html");
        String svgLink = link(browser, "t1", "logo.svg");
        String plainLink = link(browser, "t2", "report.html");

        SoftAssertions softly = new SoftAssertions();
        for (String href : List.of(htmlLink, svgLink, plainLink)) {
            browser.open(href);
            softly.assertThat(browser.currentUrl()).isEqualTo(href);
            softly.assertThat(browser.title()).as("title of %s", href).isNotEqualTo("pwned");
            softly.assertThat(calls).as("beacon calls after opening %s", href).isEmpty();
        }
        softly.assertAll();
        browser.open(plainLink);
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .as("serve's text/plain copy shows the page's source").contains("<script>", "document.title");

        browser.open(beaconUrl + "control/report.html");
        assertThat(calls).as("only the last control called the beacon: no late call from the site's files")
                .containsExactly("report.html");
    }

    /** Puts {@code task}, linking its {@code files} as serve does, then the files straight into the database. */
    private void attach(ObjectNode task, Map<String, Attachment> files) {
        var links = ((ObjectNode) task.get("results")).putArray("attach_links");
        files.keySet().forEach(name -> links.addObject().put("id", name).put("name", "Output"));
        DocRef ref = db.put(task);
        for (var file : files.entrySet()) {
            ref = db.putAttachment(ref.id(), ref.rev(), file.getKey(), file.getValue());
        }
    }

    /** The address of the record page's link to {@code name} in the row of task {@code taskId}. */
    private String link(Browser browser, String taskId, String name) {
        WebElement link = browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "tr[data-id='" + taskId + "'] ul.attachments a.attachment[download='" + name + "']")));
        String href = link.getAttribute("href");
        assertThat(href).startsWith(site + "db/").endsWith("/" + taskId + "/" + name);
        return href;
    }

    /**
     * HTML whose script, if it runs, retitles the page, calls the beacon before the load event (a synchronous
     * request) and then reads the site's design document through the proxy and, if that succeeds, calls the beacon
     * again.
     */
    private String page(String name) {
        return "<!doctype html><title>report</title><p>build report</p><script>" + script(name) + "</script>";
    }

    /** SVG with an {@code onload} handler and a script, each of which would call the beacon. */
    private String svg(String name) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" onload=\"" + call(name + "-onload")
                + "\"><title>logo</title><circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"teal\"/><script>"
                + script(name) + "</script></svg>";
    }

    private String script(String name) {
        return "document.title = 'pwned'; " + call(name) + "; "
                + "fetch('/db/" + db.name() + "/_design/dirt').then(function (r) { return r.text(); })"
                + ".then(function (t) { if (t.indexOf('_design/dirt') >= 0) { " + call(name + "-read")
                + "; } });";
    }

    /** JavaScript that calls the beacon synchronously, so the call has arrived before the page's load event. */
    private String call(String what) {
        return "try { var x = new XMLHttpRequest(); x.open('GET', '" + beaconUrl + "ran/" + what + "', false);"
                + " x.send(); } catch (e) { }";
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body, Runnable before)
            throws IOException {
        try (exchange) {
            before.run();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
