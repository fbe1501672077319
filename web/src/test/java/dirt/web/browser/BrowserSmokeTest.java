package dirt.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Proves the fixture: two pages served on loopback by the JDK's HTTP server, run in Chromium. (The site's own pages are
 * served by dirt.web.SiteServer; a page in a CouchDB 3 attachment could not run its script: CouchDB sandboxes them.)
 */
@ExtendWith(BrowserExtension.class)
class BrowserSmokeTest {
    private static final String INDEX = "<!doctype html><title>smoke</title><h1 id=\"hello\">hi</h1>"
            + "<a id=\"next\" href=\"second.html\">second</a>"
            + "<script>document.getElementById('hello').textContent = 'from js'</script>";
    private static final String SECOND = "<!doctype html><title>second</title><p id=\"where\">second page</p>";

    private HttpServer server;
    private String site;

    @BeforeEach
    void serve_the_two_pages() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/smoke/", exchange -> {
            String page = exchange.getRequestURI().getPath().endsWith("/second.html") ? SECOND : INDEX;
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        site = "http://127.0.0.1:" + server.getAddress().getPort() + "/smoke/";
    }

    @AfterEach
    void stop_serving() {
        server.stop(0);
    }

    @Test
    void a_served_page_runs_its_script(Browser browser) {
        browser.open(site + "index.html");

        assertThat(browser.title()).isEqualTo("smoke");
        assertThat(browser.waitForText(By.id("hello"), "from js").getText()).isEqualTo("from js");
        assertThat(browser.script("return document.contentType")).isEqualTo("text/html");
        Path shot = browser.screenshot("BrowserSmokeTest.index");
        assertThat(shot).isRegularFile().hasFileName("BrowserSmokeTest.index.png");
        assertThat(shot.getParent()).isEqualTo(BrowserExtension.screenshotFolder());
    }

    @Test
    void link_click_navigates_and_back_returns(Browser browser) {
        browser.open(site + "index.html").click(By.id("next"));

        browser.waitUntil(ExpectedConditions.titleIs("second"));
        assertThat(browser.visible(By.id("where")).getText()).isEqualTo("second page");
        assertThat(browser.currentUrl()).endsWith("/smoke/second.html");

        browser.driver().navigate().back();
        browser.waitUntil(ExpectedConditions.titleIs("smoke"));
        assertThat(browser.currentUrl()).endsWith("/smoke/index.html");
    }

    @Test
    void browser_starts_within_the_wait_bound(Browser browser) {
        assertThat(browser.startup()).isLessThan(Browser.MAX_WAIT.multipliedBy(3));
        System.out.println("chromium started in " + browser.startup().toMillis() + " ms");
    }

    @Test
    void screenshot_names_are_made_safe_for_files() {
        assertThat(Browser.fileName("Smoke Test/ä:1")).isEqualTo("Smoke_Test_1");
    }
}
