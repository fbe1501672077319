package dirt.web;

import static dirt.web.Fixtures.completed;
import static dirt.web.Fixtures.record;
import static dirt.web.Fixtures.started;
import static dirt.web.Fixtures.task;
import static dirt.web.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.web.browser.Browser;
import dirt.web.browser.BrowserExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The front page in Chromium: records × task names, a cell per task coloured by status and linking to it, the first
 * failure after a pass marked, the last day's throughput, and filters that live in the URL.
 */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class SiteGridTest {
    private CouchDatabase db;
    private TestSite testSite;
    private String site;
    private long now;

    @BeforeEach
    void three_records_where_unit_broke_in_the_newest(TestCouch couch) {
        db = couch.database();
        testSite = TestSite.open(couch, db);
        site = testSite.url();
        now = System.currentTimeMillis() / 1000;
        List<ObjectNode> docs = new ArrayList<>();
        docs.add(record("r1", now - 300).put("description", "first revision"));
        docs.add(record("r2", now - 200).put("description", "second revision"));
        docs.add(record("r3", now - 100).put("description", "third revision, the bad one"));
        docs.add(done("b1", "r1", "build", true));
        docs.add(done("u1", "r1", "unit", true));
        docs.add(done("b2", "r2", "build", true));
        docs.add(done("u2", "r2", "unit", true));
        docs.add(done("b3", "r3", "build", true));
        ObjectNode unit3 = done("u3", "r3", "unit", false);
        unit3.putArray("history").addObject().put("attempt", 1).put("node", "node-b").put("outcome", "failed");
        docs.add(unit3);
        docs.add(waiting(task("l3", "r3", "lint", now - 100), "waiting for a node"));
        db.bulkDocs(docs);
    }

    private ObjectNode done(String id, String recordId, String name, boolean passed) {
        return completed(started(task(id, recordId, name, now - 100), "node-a", now - 90), now - 80, passed,
                passed ? null : "exit 1");
    }

    @AfterEach
    void stop_the_site() {
        testSite.close();
    }

    private void openGrid(Browser browser, String query) {
        browser.open(site + "index.html" + query).waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"),
                "data-loaded", "true"));
    }

    @Test
    void the_grid_shows_each_records_tasks_by_name_and_marks_where_a_task_broke(Browser browser) {
        openGrid(browser, "");

        assertThat(browser.driver().findElements(By.cssSelector("#grid thead th.task-name")))
                .extracting(th -> th.getText()).containsExactly("build", "lint", "unit");
        browser.waitForAttributes("#grid tbody tr[data-id]", "data-id", List.of("r3", "r2", "r1"));
        var unit3 = browser.driver().findElement(By.cssSelector("tr[data-id='r3'] td[data-name='unit']"));
        assertThat(unit3.getAttribute("data-status")).isEqualTo("failed");
        assertThat(unit3.getAttribute("class")).contains("broke");
        assertThat(unit3.getText()).contains("broke here", "\u21BB1");
        assertThat(unit3.findElement(By.tagName("a")).getAttribute("href")).endsWith("record.html?id=r3#task-u3");
        assertThat(browser.driver().findElements(By.cssSelector("td.broke"))).hasSize(1);
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='r1'] td[data-name='lint']"))
                .getAttribute("class")).contains("cell-none");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='r3'] td[data-name='lint']"))
                .getAttribute("data-status")).isEqualTo("waiting");
        assertThat(browser.driver().findElement(By.cssSelector("#throughput svg")).getAttribute("aria-label"))
                .isEqualTo("tasks completed per hour over the last day: 5 passed, 1 failed");
        browser.screenshot("grid");

        unit3.findElement(By.tagName("a")).click();
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr#task-u3[data-status='failed']")));
    }

    @Test
    void filters_live_in_the_url_and_a_link_reproduces_the_view(Browser browser) {
        openGrid(browser, "");
        browser.driver().findElement(By.cssSelector("#filter-status option[value='failed']")).click();
        browser.driver().findElement(By.id("filter-name")).sendKeys("uni");
        browser.driver().findElement(By.cssSelector("#filters button[type='submit']")).click();
        browser.waitUntil(ExpectedConditions.urlContains("status=failed"));
        browser.waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

        String url = browser.currentUrl();
        assertThat(url).contains("status=failed", "name=uni");
        browser.waitForAttributes("#grid tbody tr[data-id]", "data-id", List.of("r3"));
        assertThat(browser.driver().findElements(By.cssSelector("#grid thead th.task-name")))
                .extracting(th -> th.getText()).containsExactly("unit");

        openGrid(browser, "?q=second");
        browser.waitForAttributes("#grid tbody tr[data-id]", "data-id", List.of("r2"));
        assertThat(browser.driver().findElement(By.id("filter-q")).getAttribute("value")).isEqualTo("second");
    }

    @Test
    void a_filter_searches_past_the_first_page_by_node_and_older_goes_on_searching(Browser browser) {
        List<ObjectNode> docs = new ArrayList<>();
        docs.add(record("r0", now - 400).put("description", "the oldest"));
        docs.add(completed(started(task("u0", "r0", "unit", now - 400), "node-c", now - 390), now - 380, false,
                "exit 2"));
        for (int i = 10; i < 40; i++) {
            docs.add(record("r" + i, now - 60 + i).put("description", "revision " + i));
            docs.add(done("b" + i, "r" + i, "build", i % 10 != 0));
        }
        db.bulkDocs(docs);

        openGrid(browser, "?status=failed&node=node-c");
        // the match is behind 33 newer records
        browser.waitForAttributes("#grid tbody tr[data-id]", "data-id", List.of("r0"));
        assertThat(browser.driver().findElement(By.id("search-note")).getText())
                .startsWith("1 matching record(s) among the 34 newest records looked at, down to the oldest");
        assertThat(browser.driver().findElement(By.id("filter-node")).getAttribute("value")).isEqualTo("node-c");

        openGrid(browser, "?status=passed&name=build");
        assertThat(browser.driver().findElements(By.cssSelector("#grid tbody tr[data-id]"))).hasSize(25);
        assertThat(browser.driver().findElement(By.cssSelector("#grid tbody tr[data-id]")).getAttribute("data-id"))
                .isEqualTo("r39");
        browser.driver().findElement(By.id("older")).click();
        browser.waitUntil(ExpectedConditions.urlContains("after="));
        browser.waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        // 30 passed builds: the 5 after the first 25
        browser.waitForAttributes("#grid tbody tr[data-id]", "data-id", List.of("r12", "r11", "r3", "r2", "r1"));
        assertThat(browser.currentUrl()).contains("status=passed", "name=build");
    }
}
