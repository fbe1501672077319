package dirt.web;

import static dirt.web.Fixtures.completed;
import static dirt.web.Fixtures.record;
import static dirt.web.Fixtures.started;
import static dirt.web.Fixtures.task;
import static dirt.web.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.Attachment;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.DocRef;
import dirt.store.couch.TestCouch;
import dirt.web.browser.Browser;
import dirt.web.browser.BrowserExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Paging past the first page, attachment downloads and waiting reasons, in headless Chromium. */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class SitePagingAndFilesTest {
    /** The rows of a page, as {@code PAGE_SIZE} in the site's dirt.js. */
    private static final int PAGE_SIZE = 25;

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
    void older_shows_the_records_after_the_first_page_and_back_returns_to_it(Browser browser) {
        db.bulkDocs(IntStream.rangeClosed(1, 30).mapToObj(i -> record(id(i), 1000 + i)).toList());

        browser.open(site + "records.html").waitUntil(loaded());
        List<String> first = recordIds(browser);
        assertThat(first).hasSize(PAGE_SIZE).containsExactlyElementsOf(ids(30, 6));
        browser.screenshot("overview-page-1");

        browser.click(By.id("older"));
        browser.waitUntil(ExpectedConditions.urlContains("after="));
        browser.waitUntil(rows(ids(5, 1)));
        List<String> second = recordIds(browser);
        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(concat(first, second)).containsExactlyElementsOf(ids(30, 1));
        assertThat(browser.driver().findElements(By.id("older"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("newer"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("newest"))).hasSize(1);

        browser.driver().navigate().back();
        browser.waitUntil(driver -> !driver.getCurrentUrl().contains("after="));
        browser.waitUntil(rows(ids(30, 6)));
        assertThat(browser.driver().findElements(By.id("older"))).hasSize(1);
    }

    @Test
    void an_attachment_link_on_the_record_page_downloads_the_file(Browser browser) {
        ObjectNode build = completed(started(task("t1", "r1", "compile_hello", 100), "node-a", 101), 102, true, null);
        ((ObjectNode) build.get("results")).putArray("attach_links").addObject().put("id", "build.log")
                .put("name", "Build log");
        db.bulkDocs(List.of(record("r1", 100)));
        DocRef task = db.put(build);
        byte[] log = "g++ -o hello hello.cpp\nlinked: hello ✓\n".getBytes(StandardCharsets.UTF_8);
        db.putAttachment(task.id(), task.rev(), "build.log", new Attachment("text/plain", log));

        browser.open(site + "record.html?id=r1").waitUntil(loaded());
        var link = browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-id='t1'] ul.attachments a.attachment")));
        assertThat(link.getText()).isEqualTo("Build log (build.log)");
        String href = link.getAttribute("href");
        assertThat(href).endsWith("/t1/build.log");

        Object body = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        assertThat(body).isEqualTo(new String(log, StandardCharsets.UTF_8));
        browser.screenshot("record-attachment");
    }

    @Test
    void a_task_whose_files_retention_removed_says_so_instead_of_showing_links(Browser browser) {
        ObjectNode build = completed(started(task("t3", "r3", "compile_hello", 300), "node-a", 301), 302, true, null);
        ((ObjectNode) build.get("results")).putArray("attach_links").addObject().put("id", "build.log")
                .put("name", "Build log");
        build.putObject("files_pruned").put("at", 1_700_000_000).put("files", 2).put("bytes", 3 * 1024 * 1024);
        db.bulkDocs(List.of(record("r3", 300), build));

        browser.open(site + "record.html?id=r3").waitUntil(loaded());
        var note = browser.waitForText(By.cssSelector("tr[data-id='t3'] .files-pruned"), "retention");

        assertThat(note.getText()).startsWith("2 files (3.0 MiB) removed ")
                .endsWith(" by the retention policy ([retention] keep_passed_files); the results stay");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-id='t3'] a.attachment"))).isEmpty();
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='t3'] details.raw")).getAttribute(
                "textContent")).contains("attach_links");
    }

    @Test
    void a_waiting_task_shows_why_it_waits_on_the_record_page(Browser browser) {
        db.bulkDocs(List.of(record("r2", 200), waiting(task("t2", "r2", "examples.simple", 200),
                "no enabled node satisfies \"architecture is x86_64\"")));

        browser.open(site + "record.html?id=r2").waitUntil(loaded());
        var cell = browser.waitForText(By.cssSelector("tr[data-id='t2'] td.waiting"), "no enabled node satisfies");
        assertThat(cell.getText()).isEqualTo("no enabled node satisfies \"architecture is x86_64\"");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='t2']")).getAttribute("data-status"))
                .isEqualTo("waiting");
    }

    private static ExpectedCondition<Boolean> loaded() {
        return ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true");
    }

    /** Holds once the records table shows exactly {@code expected}, in that order. */
    private static ExpectedCondition<Boolean> rows(List<String> expected) {
        return (WebDriver driver) -> {
            try {
                return expected.equals(driver.findElements(By.cssSelector("table#records tr[data-id]")).stream()
                        .map(row -> row.getAttribute("data-id")).toList());
            } catch (StaleElementReferenceException e) {
                return false;
            }
        };
    }

    private static List<String> recordIds(Browser browser) {
        return browser.driver().findElements(By.cssSelector("table#records tr[data-id]")).stream()
                .map(row -> row.getAttribute("data-id")).toList();
    }

    private static String id(int i) {
        return String.format("r%02d", i);
    }

    /** The ids from {@code from} down to {@code to}, newest first. */
    private static List<String> ids(int from, int to) {
        return IntStream.iterate(from, i -> i >= to, i -> i - 1).mapToObj(SitePagingAndFilesTest::id).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
