package dirt.web;

import static dirt.web.Fixtures.completed;
import static dirt.web.Fixtures.node;
import static dirt.web.Fixtures.record;
import static dirt.web.Fixtures.started;
import static dirt.web.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.web.browser.Browser;
import dirt.web.browser.BrowserExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Whoever may post a task writes most of what the site shows. Hostile strings in every field a page shows (a record's
 * id and description, a task's name, reason, kwargs and results, its files' names and labels, a node's facts, marks
 * and drift, a schedule's name and reasons) stay text on every page in Chromium: no element they describe is made,
 * no script of theirs runs, and the text reads as written. Eight pages opened one after another also show that a page
 * left ends its changes longpoll (else the browser's six connections per host run out).
 */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class SiteHostileStringsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMG = "<img src=x onerror=window.pwned=1>";
    private static final String SCRIPT = "\"><script>window.pwned=2</script>";
    private static final String SVG = "'><svg onload=window.pwned=3>";
    private static final String LINK = "javascript:window.pwned=4";
    private static final String ID = "r\"><img src=x onerror=window.pwned=5>";
    private static final String NAME = "build" + IMG;

    private CouchDatabase db;
    private TestSite testSite;
    private String site;

    @BeforeEach
    void documents_full_of_markup(TestCouch couch) {
        db = couch.database();
        testSite = TestSite.open(couch, db);
        site = testSite.url();
        long now = System.currentTimeMillis() / 1000;
        ObjectNode failed = completed(started(task("t1" + SCRIPT, ID, NAME, now - 60), "node-a" + SVG, now - 50),
                now - 40, false, "reason " + IMG + SCRIPT);
        failed.putObject("kwargs").put("k" + SCRIPT, LINK);
        failed.withObject("/results").put("extra" + IMG, SVG).putArray("attach_links").addObject().put("id", "out" + IMG)
                .put("name", "label " + SCRIPT);
        failed.putObject("_attachments").putObject("out" + IMG).put("content_type", "text/html")
                .put("data", Base64.getEncoder().encodeToString("<script>window.pwned=6</script>".getBytes(
                        StandardCharsets.UTF_8)));
        failed.putArray("history").addObject().put("attempt", 1).put("node", "node-b" + IMG).put("started", now - 70)
                .put("ended", now - 65).put("outcome", "failed" + SCRIPT).put("reason", SVG).put("server", IMG);
        failed.putArray("after").add(NAME);
        ObjectNode waits = task("t2", ID, "unit" + SVG, now - 60).put("waiting", "waiting for " + IMG);
        waits.putArray("after").add(NAME);
        ObjectNode nodeA = node("node-a" + SVG, true, 2);
        ((ObjectNode) nodeA.get("sys_info")).put("os_name", IMG).put("architecture", SCRIPT).put("java_version", SVG)
                .putObject("environ").put("PATH" + IMG, SCRIPT).putNull(SVG);
        nodeA.putObject("quarantined").put("reason", IMG).put("since", now).putArray("evidence").addObject()
                .put("task", SCRIPT).put("name", NAME).put("failed", now).putArray("passed_on").add(IMG);
        nodeA.putObject("disk_full").put("reason", SCRIPT);
        nodeA.putObject("unreachable").put("reason", SVG).put("since", now).put("retry_at", now + 60);
        nodeA.putArray("facts_changed").addObject().put("what", IMG).put("from", SCRIPT).put("to", SVG)
                .put("when", now);
        nodeA.putObject("resources").put("mem_total", IMG).putArray("samples").addArray().add(now).add(IMG)
                .add(SCRIPT).add(1);
        ObjectNode schedule = JSON.createObjectNode().put("_id", "schedule:" + IMG).put("type", "schedule")
                .put("name", "nightly" + IMG).put("crontime", SCRIPT).put("timezone", SVG).put("last_record", ID)
                .put("last_status", "failed" + IMG);
        schedule.putObject("last_skipped").put("run", now).put("reason", IMG);
        schedule.putObject("record").put("description", SCRIPT);
        db.bulkDocs(List.of(record(ID, now - 60).put("description", "described " + IMG + SCRIPT + SVG), failed, waits,
                nodeA, schedule));
    }

    @AfterEach
    void stop_the_site() {
        testSite.close();
    }

    @Test
    void every_page_shows_hostile_strings_as_text_and_runs_none_of_them(Browser browser) {
        String id = URLEncoder.encode(ID, StandardCharsets.UTF_8);
        String name = URLEncoder.encode(NAME, StandardCharsets.UTF_8);
        for (String page : List.of("index.html", "index.html?name=build&q=described", "records.html",
                "record.html?id=" + id, "task.html?name=" + name, "schedules.html", "nodes.html", "records.html")) {
            browser.open(site + page).waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded",
                    "true"));
            for (var details : browser.driver().findElements(By.cssSelector("main details:not([open]) > summary"))) {
                details.click();
            }

            assertThat(browser.script("return window.pwned === undefined")).as(page).isEqualTo(true);
            assertThat(browser.driver().findElements(By.cssSelector("main img, main script, main iframe, main object,"
                    + " main [onerror], main [onload], main a[href^='javascript'], main svg svg")))
                    .as("elements made from a document's strings on " + page).isEmpty();
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).as(page).contains(IMG);
            assertThat(browser.consoleMessages()).as(page).noneMatch(message -> message.contains("pwned"));
        }
        browser.open(site + "record.html?id=" + id).waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"),
                "data-loaded", "true"));
        assertThat(browser.driver().findElement(By.cssSelector("a.attachment")).getAttribute("download"))
                .as("a task's HTML output is a download, never a page of the site").isEqualTo("out" + IMG);
        browser.screenshot("hostile-record");
    }
}
