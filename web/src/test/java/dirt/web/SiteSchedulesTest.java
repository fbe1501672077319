package dirt.web;

import static dirt.web.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.web.browser.Browser;
import dirt.web.browser.BrowserExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The schedules page in headless Chromium, over schedule documents as serve writes them. */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class SiteSchedulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NEXT = 1_714_615_200L;

    private CouchDatabase db;
    private TestSite testSite;
    private String site;

    private static ObjectNode schedule(String name) {
        ObjectNode doc = JSON.createObjectNode().put("_id", "schedule:" + name).put("type", "schedule")
                .put("name", name);
        doc.putArray("tasks").addObject().put("name", "examples.simple");
        return doc;
    }

    @BeforeEach
    void site_with_three_schedules(TestCouch couch) {
        db = couch.database();
        testSite = TestSite.open(couch, db);
        ObjectNode nightly = schedule("nightly").put("crontime", "0 2 * * *").put("timezone", "Europe/Zurich")
                .put("next_run", NEXT).put("last_record", "nightly-20240501T000000Z").put("last_status", "passed")
                .put("last_fired", NEXT - 86_400);
        nightly.putObject("record").put("description", "nightly build");
        ObjectNode check = schedule("check").put("frequency", 120).put("enabled", false);
        ObjectNode busy = schedule("busy").put("crontime", "*/5 * * * *").put("next_run", NEXT)
                .put("last_record", "busy-20240501T015500Z").put("last_status", "running");
        busy.putObject("last_skipped").put("run", NEXT - 300).put("reason", "the previous run busy-20240501T015500Z"
                + " is still going (overlap = \"skip\")");
        db.bulkDocs(List.of(nightly, check, busy, record("nightly-20240501T000000Z", NEXT - 86_400)));
        site = testSite.url();
    }

    @AfterEach
    void stop_the_site() {
        testSite.close();
    }

    @Test
    void the_schedules_page_shows_when_each_fires_its_next_run_and_its_last_status(Browser browser) {
        browser.open(site + "schedules.html").waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"),
                "data-loaded", "true"));

        var rows = browser.driver().findElements(By.cssSelector("table#schedules tr[data-id]"));
        assertThat(rows).extracting(row -> row.getAttribute("data-id"))
                .containsExactly("schedule:busy", "schedule:check", "schedule:nightly");
        var nightly = browser.driver().findElement(By.cssSelector("tr[data-id='schedule:nightly']"));
        assertThat(nightly.getText()).contains("nightly build", "0 2 * * * (Europe/Zurich)", "enabled",
                "nightly-20240501T000000Z", "passed");
        assertThat(nightly.findElement(By.cssSelector("td.next-run time")).getAttribute("datetime"))
                .isEqualTo("2024-05-02T02:00:00.000Z");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='schedule:check']")).getText())
                .contains("every 2 min after the last run ends", "disabled");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='schedule:busy'] td.skipped")).getText())
                .contains("is still going");
        browser.screenshot("schedules");
    }

    @Test
    void the_last_run_links_to_its_record(Browser browser) {
        browser.open(site + "schedules.html").waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-id='schedule:nightly'] a.record-link")));

        browser.click(By.cssSelector("tr[data-id='schedule:nightly'] a.record-link"));

        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-id"), "nightly-20240501T000000Z"));
    }

    @Test
    void a_status_serve_writes_while_the_page_is_open_shows_without_reload(Browser browser) {
        browser.open(site + "schedules.html").waitUntil(status("schedule:busy", "running"));

        db.put(db.get("schedule:busy").orElseThrow().put("last_status", "failed"));

        browser.waitUntil(status("schedule:busy", "failed"));
    }

    private static ExpectedCondition<Boolean> status(String id, String status) {
        return driver -> {
            try {
                return status.equals(driver.findElement(By.cssSelector("tr[data-id='" + id + "']"))
                        .getAttribute("data-status"));
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false;
            }
        };
    }
}
