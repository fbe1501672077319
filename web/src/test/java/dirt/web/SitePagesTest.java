package dirt.web;

import static dirt.web.Fixtures.completed;
import static dirt.web.Fixtures.node;
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

/** The site's pages in headless Chromium, served by SiteServer, over documents as serve writes them. */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class SitePagesTest {
    private CouchDatabase db;
    private TestSite testSite;
    private String site;

    @BeforeEach
    void site_with_two_records(TestCouch couch) {
        db = couch.database();
        testSite = TestSite.open(couch, db);
        ObjectNode passed = completed(started(task("t1", "r123", "examples.simple", 100), "node-a", 101), 102.5, true, null);
        ObjectNode failed = completed(started(task("t2", "r123", "compile_hello", 100), "node-b", 101), 104, false,
                "g++ failed");
        ObjectNode waits = waiting(task("t3", "r124", "examples.simple", 200), "no nodes are registered");
        db.bulkDocs(List.of(record("r123", 100), record("r124", 200), passed, failed, waits,
                node("node-a", true, 2), node("node-b", false, 4)));
        site = testSite.url();
    }

    @AfterEach
    void stop_the_site() {
        testSite.close();
    }

    @Test
    void the_overview_lists_records_newest_first_with_their_counts(Browser browser) {
        browser.open(site + "records.html").waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"),
                "data-loaded", "true"));

        var rows = browser.driver().findElements(By.cssSelector("table#records tr[data-id]"));
        assertThat(rows).extracting(row -> row.getAttribute("data-id")).containsExactly("r124", "r123");
        assertThat(rows.get(1).getText()).contains("1 passed", "1 failed");
        assertThat(browser.title()).contains("demo");
        browser.screenshot("overview");
    }

    @Test
    void a_click_leads_to_the_record_and_from_there_to_the_task_history(Browser browser) {
        browser.open(site + "records.html").waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"),
                "data-loaded", "true"));

        browser.click(By.cssSelector("tr[data-id='r123'] a.record-link"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table#tasks tr[data-id='t2']")));
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='t2']")).getText())
                .contains("failed", "g++ failed", "node-b");
        browser.screenshot("record");

        browser.click(By.cssSelector("tr[data-id='t1'] a.task-link"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table#history tr[data-id]")));
        browser.waitForAttributes("table#history tr[data-id]", "data-id", List.of("t3", "t1"));
        assertThat(browser.driver().findElements(By.cssSelector("#durations rect"))).as("t1 ended, t3 waits")
                .hasSize(1).allSatisfy(bar -> assertThat(bar.getAttribute("class")).isEqualTo("bar-passed"));
        assertThat(browser.driver().findElement(By.cssSelector("#durations .pass-rate")).getText())
                .isEqualTo("100 % passed (1 of 1 that ended), longest 1.5 s");
        browser.screenshot("history");
    }

    @Test
    void the_nodes_page_lists_the_nodes(Browser browser) {
        browser.open(site + "nodes.html").waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("table#nodes tr[data-id='node:node-b']")));

        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='node:node-b']")).getText())
                .contains("node-b", "disabled");
        browser.screenshot("nodes");
    }

    @Test
    void the_nodes_page_shows_a_hidden_environment_value_as_hidden_and_a_shown_one_as_text(Browser browser) {
        ObjectNode node = node("node-c", true, 1);
        ObjectNode environ = ((ObjectNode) node.get("sys_info")).putObject("environ");
        environ.putNull("DIRT_COUCH_PASSWORD");
        environ.put("PATH", "<img src=x onerror=alert(1)>/usr/bin");
        db.put(node);

        browser.open(site + "nodes.html").waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-id='node:node-c'] details.environ")));
        browser.driver().findElement(By.cssSelector("tr[data-id='node:node-c'] details.environ summary")).click();

        var hidden = browser.driver().findElement(By.cssSelector("details.environ li[data-name='DIRT_COUCH_PASSWORD']"));
        var shown = browser.driver().findElement(By.cssSelector("details.environ li[data-name='PATH']"));
        assertThat(hidden.getText()).isEqualTo("DIRT_COUCH_PASSWORD (hidden)");
        assertThat(shown.getText()).isEqualTo("PATH <img src=x onerror=alert(1)>/usr/bin");
        assertThat(browser.driver().findElements(By.cssSelector("details.environ img"))).isEmpty();
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='node:node-c'] summary")).getText())
                .isEqualTo("environment (2)");
        browser.screenshot("nodes-environ");
    }

    @Test
    void the_nodes_page_shows_a_quarantine_with_its_evidence_a_full_disk_the_drift_charts_and_recent_outcomes(
            Browser browser) {
        long now = System.currentTimeMillis() / 1000;
        String hostile = "<img src=x onerror=alert(1)>";
        ObjectNode node = node("node-q", true, 2);
        ObjectNode quarantine = node.putObject("quarantined").put("reason", "failed 3 tries of build within 10 min that"
                + " passed on other nodes").put("since", now - 60);
        quarantine.putArray("evidence").addObject().put("task", "t9").put("name", hostile).put("attempt", 1)
                .put("failed", now - 90).putArray("passed_on").add("node-a");
        node.putObject("disk_full").put("reason", "disk full: 200.0 MiB free in /srv/dirt/work, under the 1.0 GiB"
                + " that [serve] min_free_disk_bytes asks for");
        ObjectNode resources = node.putObject("resources").put("mem_total", 8L << 30).put("disk_total", 100L << 30);
        for (int i = 0; i < 3; i++) {
            resources.withArray("samples").addArray().add(now - 60 + 30 * i).add(0.5 + i).add(4L << 30)
                    .add((200L - i) << 20);
        }
        node.putArray("facts_changed").addObject().put("what", "environ." + hostile).putNull("from")
                .put("to", "(set)").put("when", now - 30);
        ObjectNode failedHere = completed(started(task("t9", "r123", "build", now - 100), "node-q", now - 99)
                .put("slot", 1), now - 90, false, "exit 1");
        ObjectNode movedAway = completed(started(task("t10", "r123", "build", now - 100), "node-a", now - 80), now - 70,
                true, null);
        movedAway.putArray("history").addObject().put("attempt", 1).put("node", "node-q").put("slot", 0)
                .put("started", now - 99)
                .put("ended", now - 95).put("outcome", "failed").put("reason", "exit 1");
        db.bulkDocs(List.of(node, failedHere, movedAway));

        browser.open(site + "nodes.html").waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-id='node:node-q'] .quarantined")));

        var row = browser.driver().findElement(By.cssSelector("tr[data-id='node:node-q']"));
        assertThat(row.getAttribute("data-state")).isEqualTo("quarantined");
        assertThat(row.findElement(By.cssSelector(".quarantined")).getText())
                .contains("quarantined", "failed 3 tries of build", "dirt nodes release node-q");
        row.findElement(By.cssSelector("details.evidence summary")).click();
        assertThat(row.findElement(By.cssSelector("details.evidence li")).getText())
                .startsWith(hostile + " t9 failed here").endsWith("passed on node-a");
        assertThat(row.findElement(By.cssSelector(".disk-full")).getText()).contains("disk full: 200.0 MiB free");
        assertThat(row.findElement(By.cssSelector("details.drift li")).getText())
                .endsWith("environ." + hostile + ": null → \"(set)\"");
        assertThat(row.findElements(By.cssSelector(".resources .spark svg path"))).hasSize(3);
        assertThat(row.findElement(By.cssSelector(".spark[data-figure='disk free'] .spark-now")).getText())
                .isEqualTo("198.0 MiB");
        assertThat(row.findElement(By.cssSelector(".outcomes")).getText()).as("tries that failed here count too")
                .isEqualTo("0 passed, 2 failed");
        assertThat(browser.driver().findElements(By.cssSelector("#nodes img"))).isEmpty();
        var timeline = browser.driver().findElement(By.cssSelector("#timeline tr[data-id='node-q'] svg"));
        assertThat(timeline.getAttribute("aria-label")).isEqualTo("node-q: 2 run(s) in the last hour on 2 slot(s)");
        assertThat(timeline.findElement(By.cssSelector("rect[data-task='t9']")).getAttribute("data-slot"))
                .as("a run is drawn in the slot it ran in").isEqualTo("1");
        assertThat(timeline.findElement(By.cssSelector("rect[data-task='t10']")).getAttribute("data-slot"))
                .as("a failed try is drawn in its own slot").isEqualTo("0");
        browser.screenshot("nodes-health");
    }

    @Test
    void a_task_finishing_while_the_record_page_is_open_changes_its_status_without_reload(Browser browser) {
        browser.open(site + "record.html?id=r124").waitUntil(status("t3", "waiting"));

        ObjectNode t3 = db.get("t3").orElseThrow();
        db.put(completed(started(t3, "node-a", 201), 203, true, null));

        browser.waitUntil(status("t3", "passed"));
        browser.screenshot("record-live");
    }

    @Test
    void a_record_whose_tasks_run_after_others_draws_them_as_a_graph_coloured_by_status(Browser browser) {
        ObjectNode build = completed(started(task("b1", "r125", "build", 300), "node-a", 301), 302, true, null);
        ObjectNode unit = started(task("u1", "r125", "unit", 300), "node-a", 303);
        unit.putArray("after").add("build");
        ObjectNode hostile = waiting(task("p1", "r125", "<img src=x onerror=alert(1)>", 300), "waiting for unit");
        hostile.putArray("after").add("unit").add("b1");
        db.bulkDocs(List.of(record("r125", 300), build, unit, hostile));

        browser.open(site + "record.html?id=r125").waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"),
                "data-loaded", "true"));

        var boxes = browser.driver().findElements(By.cssSelector("#graph svg g.graph-task"));
        assertThat(boxes).extracting(box -> box.getAttribute("data-id")).containsExactlyInAnyOrder("b1", "u1", "p1");
        assertThat(browser.driver().findElement(By.cssSelector("g.graph-task[data-id='b1']")).getAttribute("class"))
                .contains("status-passed");
        assertThat(browser.driver().findElement(By.cssSelector("g.graph-task[data-id='p1']")).getAttribute("class"))
                .contains("status-waiting");
        assertThat(browser.driver().findElements(By.cssSelector("#graph line.graph-edge"))).hasSize(3);
        assertThat(browser.driver().findElements(By.cssSelector("#graph img"))).as("names are text").isEmpty();
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='p1']")).getText())
                .contains("waiting for unit");
        browser.screenshot("record-graph");
    }

    @Test
    void no_page_breaks_a_rule_of_its_content_security_policy_or_logs_an_error(Browser browser) {
        browser.consoleMessages();
        ObjectNode after = waiting(task("a1", "r123", "after", 100), "waiting for examples.simple");
        after.putArray("after").add("examples.simple");
        db.bulkDocs(List.of(after));
        for (String page : List.of("index.html", "records.html", "record.html?id=r123", "task.html?name=examples.simple",
                "nodes.html", "schedules.html")) {
            browser.open(site + page).waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded",
                    "true"));
            assertThat(browser.consoleMessages()).as(page).isEmpty();
        }
    }

    /** The row's status, found again on every poll: live updates replace rows. */
    private static ExpectedCondition<Boolean> status(String taskId, String status) {
        return driver -> {
            try {
                return status.equals(driver.findElement(By.cssSelector("tr[data-id='" + taskId + "']"))
                        .getAttribute("data-status"));
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false;
            }
        };
    }
}
