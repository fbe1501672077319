package dirt.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Proves the fixture: pages served as design-document attachments by the real test server, run in Chromium. */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class BrowserSmokeTest {
    private static final String INDEX = "<!doctype html><title>smoke</title><h1 id=\"hello\">hi</h1>"
            + "<a id=\"next\" href=\"second.html\">second</a>"
            + "<script>document.getElementById('hello').textContent = 'from js'</script>";
    private static final String SECOND = "<!doctype html><title>second</title><p id=\"where\">second page</p>";

    private String site;

    @BeforeEach
    void put_the_smoke_design_document(TestCouch couch) {
        ObjectNode ddoc = new ObjectMapper().createObjectNode().put("_id", "_design/smoke");
        ObjectNode attachments = ddoc.putObject("_attachments");
        attachments.set("index.html", html(INDEX));
        attachments.set("second.html", html(SECOND));
        couch.database().put(ddoc);
        site = stripSlash(couch.url()) + "/" + couch.database().name() + "/_design/smoke/";
    }

    @Test
    void page_from_a_design_document_attachment_runs_its_script(Browser browser) {
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
        assertThat(browser.currentUrl()).endsWith("/_design/smoke/second.html");

        browser.driver().navigate().back();
        browser.waitUntil(ExpectedConditions.titleIs("smoke"));
        assertThat(browser.currentUrl()).endsWith("/_design/smoke/index.html");
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

    private static ObjectNode html(String page) {
        return new ObjectMapper().createObjectNode().put("content_type", "text/html")
                .put("data", Base64.getEncoder().encodeToString(page.getBytes(StandardCharsets.UTF_8)));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
