package dirt.web;

import static dirt.web.Fixtures.attempt;
import static dirt.web.Fixtures.attemptFile;
import static dirt.web.Fixtures.cancelled;
import static dirt.web.Fixtures.completed;
import static dirt.web.Fixtures.history;
import static dirt.web.Fixtures.node;
import static dirt.web.Fixtures.record;
import static dirt.web.Fixtures.started;
import static dirt.web.Fixtures.task;
import static dirt.web.Fixtures.unreachable;
import static dirt.web.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.web.browser.Browser;
import dirt.web.browser.BrowserExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What the reliability work adds to the documents, in headless Chromium: cancelled tasks, tasks that ran more than
 * once (their attempts, history and earlier files), tasks waiting for their next try, and unreachable nodes.
 */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class SiteReliabilityTest {
    private static final String SERVER = "ci@build1:4242";
    private static final String LOST = "node node-b was lost while the task ran: connection closed";
    private static final long RETRY_AT = 1_900_000_000L;

    private CouchDatabase db;
    private TestSite testSite;
    private String site;

    @BeforeEach
    void site(TestCouch couch) {
        db = couch.database();
        testSite = TestSite.open(couch, db);
        site = testSite.url();
    }

    @AfterEach
    void stop_the_site() {
        testSite.close();
    }

    @Test
    void a_record_page_without_a_record_id_says_how_to_open_one(Browser browser) {
        browser.open(site + "record.html").waitUntil(loaded());

        assertThat(browser.driver().findElement(By.id("description")).getText())
                .isEqualTo("No record named in the address (record.html?id=…): open one from the records page.");
        assertThat(browser.driver().findElement(By.cssSelector("#tasks tbody")).getText())
                .isEqualTo("No record given.");
    }

    @Test
    void a_cancelled_task_has_its_own_badge_and_count_and_is_neither_passed_nor_failed(Browser browser) {
        db.bulkDocs(List.of(record("r1", 100),
                completed(started(task("t1", "r1", "examples.simple", 100), "node-a", 101), 102, true, null),
                cancelled(started(task("t2", "r1", "compile_hello", 100), "node-a", 101), 103),
                cancelled(task("t3", "r1", "examples.arguments", 100), 104)));

        browser.open(site + "record.html?id=r1").waitUntil(loaded());
        WebElement row = row(browser, "t2");
        assertThat(row.getAttribute("data-status")).isEqualTo("cancelled");
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("\u2298 cancelled");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='t3']")).getAttribute("data-status"))
                .isEqualTo("cancelled");
        assertThat(browser.driver().findElement(By.id("summary")).getText())
                .contains("1 passed", "0 failed", "2 cancelled", "0 running", "0 waiting");
        browser.screenshot("record-cancelled");

        browser.open(site + "records.html").waitUntil(loaded());
        WebElement counts = browser.driver().findElement(By.cssSelector("tr[data-id='r1'] td.counts"));
        assertThat(counts.getText()).contains("1 passed", "0 failed", "2 cancelled");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='r1'] .bar")).getAttribute("aria-label"))
                .isEqualTo("1 passed, 0 failed, 2 cancelled, 0 running, 0 waiting");
        List<WebElement> cancelledPart = browser.driver().findElements(
                By.cssSelector("tr[data-id='r1'] .bar-part.status-cancelled"));
        assertThat(cancelledPart).hasSize(1);
        assertThat(cancelledPart.get(0).getAttribute("style")).as("set by the script: the CSP allows no style in markup")
                .startsWith("width: 66.66");

        browser.open(site + "task.html?name=compile_hello").waitUntil(loaded());
        assertThat(browser.driver().findElement(By.cssSelector("table#history tr[data-id='t2']"))
                .getAttribute("data-status")).isEqualTo("cancelled");
    }

    @Test
    void a_record_without_cancelled_tasks_shows_no_cancelled_count(Browser browser) {
        db.bulkDocs(List.of(record("r1", 100),
                completed(started(task("t1", "r1", "examples.simple", 100), "node-a", 101), 102, false, "broken")));

        browser.open(site + "records.html").waitUntil(loaded());

        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='r1'] td.counts")).getText())
                .isEqualTo("0 passed · 1 failed · 0 running · 0 waiting");
    }

    @Test
    void a_task_that_ran_again_shows_which_attempt_runs_why_and_on_which_server(Browser browser) {
        var task = attempt(started(task("t1", "r1", "compile_hello", 100), "node-a", 130), 3, SERVER).put("tries", 3);
        history(task, 1, "node-a", 101, 110, "failed", "exit code 1");
        history(task, 2, "node-b", 120, 125, "lost", LOST);
        db.bulkDocs(List.of(record("r1", 100), task));

        browser.open(site + "record.html?id=r1").waitUntil(loaded());
        WebElement row = row(browser, "t1");

        assertThat(row.getAttribute("data-status")).isEqualTo("running");
        assertThat(row.findElement(By.cssSelector("td.status-cell .attempt")).getText())
                .isEqualTo("attempt 3, try 2 of 3");
        assertThat(row.findElement(By.cssSelector("td.reason .ran-again")).getText())
                .isEqualTo("ran again after: lost \u2014 " + LOST);
        assertThat(row.findElement(By.cssSelector("td.node")).getText()).isEqualTo("node-a\nserver " + SERVER);
    }

    @Test
    void a_tasks_history_lists_its_earlier_attempts_with_their_files(Browser browser) {
        var task = attempt(started(task("t1", "r1", "compile_hello", 100), "node-a", 130), 3, SERVER).put("tries", 3);
        completed(task, 131, true, null);
        history(task, 1, "node-a", 101, 110, "failed", "exit code 1");
        history(task, 2, "node-b", 120, 125, "lost", LOST);
        attemptFile(task, 1, "stdout.txt", "first try\n");
        attemptFile(task, 1, "stderr.txt", "hello.cpp:1: error\n");
        db.bulkDocs(List.of(record("r1", 100), task));

        browser.open(site + "record.html?id=r1").waitUntil(loaded());
        WebElement row = row(browser, "t1");
        assertThat(row.findElement(By.cssSelector(".attempt")).getText()).isEqualTo("attempt 3, try 2 of 3");
        assertThat(row.findElements(By.cssSelector("td.details > ul.attachments")))
                .as("earlier tries' files are listed with their attempt, not as the task's").isEmpty();
        WebElement summary = row.findElement(By.cssSelector("details.history summary"));
        assertThat(summary.getText()).isEqualTo("2 earlier attempts");

        summary.click();
        List<WebElement> entries = browser.waitUntil(ExpectedConditions.visibilityOfAllElementsLocatedBy(
                By.cssSelector("tr[data-id='t1'] li.attempt-entry")));
        assertThat(entries).extracting(entry -> entry.getAttribute("data-outcome")).containsExactly("failed", "lost");
        assertThat(entries.get(0).getText()).startsWith("attempt 1 failed on node-a").contains("server " + SERVER,
                "exit code 1");
        assertThat(entries.get(1).getText()).startsWith("attempt 2 lost on node-b").contains(LOST);
        assertThat(entries.get(1).findElements(By.cssSelector("a.attachment"))).isEmpty();
        List<WebElement> files = entries.get(0).findElements(By.cssSelector("a.attachment"));
        assertThat(files).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("attempt-1/stdout.txt", "attempt-1/stderr.txt");
        browser.screenshot("record-history");

        String href = entries.get(0).findElement(By.linkText("attempt-1/stdout.txt")).getAttribute("href");
        assertThat(href).endsWith("/t1/attempt-1/stdout.txt");
        assertThat(fetch(browser, href)).isEqualTo("first try\n");
    }

    @Test
    void a_task_waiting_for_its_next_try_shows_when_it_runs_again(Browser browser) {
        var task = task("t1", "r1", "compile_hello", 100).put("attempt", 1).put("tries", 3).put("retry_at", RETRY_AT);
        history(task, 1, "node-a", 101, 110, "failed", "exit code 1");
        waiting(task, "try 1 of 3 failed (exit code 1); tried again from " + Instant.ofEpochSecond(RETRY_AT));
        db.bulkDocs(List.of(record("r1", 100), task));

        browser.open(site + "record.html?id=r1").waitUntil(loaded());
        WebElement row = row(browser, "t1");

        assertThat(row.getAttribute("data-status")).isEqualTo("waiting");
        assertThat(row.findElement(By.cssSelector(".attempt")).getText()).isEqualTo("next: try 2 of 3");
        WebElement retry = row.findElement(By.cssSelector("td.waiting .retry-at"));
        assertThat(retry.getText()).startsWith("runs again at ");
        assertThat(Instant.parse(retry.findElement(By.tagName("time")).getAttribute("datetime")))
                .isEqualTo(Instant.ofEpochSecond(RETRY_AT));
        assertThat(row.findElement(By.cssSelector("details.history summary")).getText()).isEqualTo("1 earlier attempt");
    }

    @Test
    void an_unreachable_node_shows_why_since_when_and_its_next_try_with_running_counts_still_right(Browser browser) {
        long since = 1_800_000_000L;
        var lostTask = history(task("t1", "r1", "compile_hello", 100).put("attempt", 1), 1, "node-b", 101, 110, "lost",
                LOST);
        db.bulkDocs(List.of(record("r1", 100),
                unreachable(node("node-b", true, 2), "node unreachable: host=\"10.0.0.8\" cause=\"Connection refused\"",
                        since, since + 30),
                node("node-a", true, 2),
                attempt(started(task("t2", "r1", "examples.simple", 100), "node-a", 120), 1, SERVER),
                waiting(lostTask, "runs again: " + LOST)));

        browser.open(site + "nodes.html").waitUntil(loaded());
        WebElement down = browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-id='node:node-b']")));

        assertThat(down.getAttribute("data-unreachable")).isEqualTo("true");
        WebElement mark = down.findElement(By.cssSelector("td.enabled .unreachable"));
        assertThat(mark.getText()).startsWith("unreachable since ").contains(", next try ",
                "node unreachable: host=\"10.0.0.8\" cause=\"Connection refused\"");
        assertThat(mark.findElements(By.tagName("time"))).extracting(t -> Instant.parse(t.getAttribute("datetime")))
                .containsExactly(Instant.ofEpochSecond(since), Instant.ofEpochSecond(since + 30));
        assertThat(down.findElement(By.cssSelector(".running-count")).getText()).isEqualTo("0");
        WebElement up = browser.driver().findElement(By.cssSelector("tr[data-id='node:node-a']"));
        assertThat(up.getAttribute("data-unreachable")).isNull();
        assertThat(up.findElements(By.cssSelector(".unreachable"))).isEmpty();
        assertThat(up.findElement(By.cssSelector(".running-count")).getText()).isEqualTo("1");
        browser.screenshot("nodes-unreachable");
    }

    /** The record page's row of the task {@code taskId}, once it is there. */
    private static WebElement row(Browser browser, String taskId) {
        return browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-id='" + taskId + "']")));
    }

    private static String fetch(Browser browser, String href) {
        return String.valueOf(((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.ok ? r.text() : 'HTTP ' + r.status)"
                        + ".then(done, e => done('failed: ' + e));", href));
    }

    private static ExpectedCondition<Boolean> loaded() {
        return ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true");
    }
}
