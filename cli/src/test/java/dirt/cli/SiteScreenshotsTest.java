package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.transport.ssh.SshFarm;
import dirt.web.browser.Browser;
import dirt.web.browser.BrowserExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The site after a realistic run, as a new user gets it: a project made by 'dirt create', this machine and an sshd
 * node, two dozen revisions of a build (build, unit, lint, and package after build and unit) where unit broke for
 * three revisions, all run by 'dirt serve', the pages served by 'dirt web' and looked at in Chromium. Its screenshots
 * (cli/target/screenshots) are the README's.
 */
@ExtendWith({CouchServerExtension.class, BrowserExtension.class})
class SiteScreenshotsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REVISIONS = 24;

    @RegisterExtension
    static final SshFarm farm = SshFarm.builder().node("build2").build();

    @TempDir
    Path dir;

    @Test
    void after_two_dozen_revisions_the_grid_shows_where_unit_broke_and_every_page_shows_the_run(TestCouch couch,
            Browser browser) throws Exception {
        CouchDatabase db = couch.client().database(couch.newDatabaseName());
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url(), "DIRT_SSH_CONFIG",
                farm.sshConfig().toString());
        Path project = dir.resolve("demo");
        new Cli(dir, env).run("create", "demo", db.name());
        Cli.allowAnyCommand(project);
        Cli cli = new Cli(project, env);
        var probed = cli.run("updatenodes", "--local", "build2");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        db.bulkDocs(revisions(System.currentTimeMillis() / 1000));

        openToReaders(couch, db.name());

        var served = cli.run("serve", "--until-done", "--name", "ci");
        assertThat(served.exitCode()).as(served.err()).isZero();
        var web = cli.start("web", "--listen", "127.0.0.1:0");
        try {
            String site = web.siteUrl();

            open(browser, site + "index.html");
            browser.waitForText(By.id("live"), "live");
            // the page is live: a change seen after its first load (it follows _changes) draws the grid again
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grid td.broke")));
            assertThat(browser.driver().findElements(By.cssSelector("#grid td.broke")))
                    .singleElement().satisfies(cell -> assertThat(cell.getAttribute("data-name")).isEqualTo("unit"));
            assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='rev-20'] td[data-name='unit']"))
                    .getAttribute("class")).contains("broke");
            assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='rev-20'] td[data-name='package']"))
                    .getAttribute("data-status")).as("not run: unit failed").isEqualTo("skipped");
            browser.screenshot("site-grid");
            open(browser, site + "records.html");
            browser.screenshot("site-records");
            open(browser, site + "record.html?id=rev-21");
            assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='rev-21-package']"))
                    .getAttribute("data-status")).isEqualTo("failed");
            browser.screenshot("site-record");
            open(browser, site + "task.html?name=unit");
            browser.screenshot("site-history");
            open(browser, site + "nodes.html");
            assertThat(browser.driver().findElements(By.cssSelector("#timeline tr[data-id] rect[class^='bar-']")))
                    .isNotEmpty();
            browser.screenshot("site-nodes");
            assertThat(browser.driver().findElement(By.id("live")).getText()).isEqualTo("live");
        } finally {
            web.stop();
        }
    }

    /** Revisions rev-01 … rev-24, ten minutes apart up to now; unit fails on rev-20, rev-21 and rev-22. */
    private static List<ObjectNode> revisions(long now) {
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 1; i <= REVISIONS; i++) {
            String id = String.format("rev-%02d", i);
            long created = now - (REVISIONS - i) * 600L;
            docs.add(JSON.createObjectNode().put("_id", id).put("type", "record").put("created", created)
                    .put("description", String.format("commit %07x: %s", 0x3f2a91 * i & 0xfffffff,
                            i >= 20 && i <= 22 ? "refactor the parser" : "small fixes")));
            docs.add(task(id, "build", created, "sleep 0.3; echo built"));
            docs.add(task(id, "unit", created, "sleep 0.2; test " + i + " -lt 20 -o " + i + " -gt 22"
                    + " || { echo 'ParserTest: expected 3 tokens, got 2' >&2; exit 1; }"));
            docs.add(task(id, "lint", created, "echo clean"));
            ObjectNode pack = task(id, "package", created, "sleep 0.1; echo packaged");
            pack.putArray("after").add("build").add("unit");
            docs.add(pack);
        }
        return docs;
    }

    private static ObjectNode task(String recordId, String name, long created, String command) {
        return JSON.createObjectNode().put("_id", recordId + "-" + name).put("type", "task")
                .put("record_id", recordId).put("name", name).put("created", created).put("command", command);
    }

    /** Lets anyone read the database, as the README shows an admin doing with curl: no members in its _security. */
    private static void openToReaders(TestCouch couch, String db) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(couch.config().url() + "/" + db + "/_security"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"admins\": {\"names\": [], \"roles\": []}, \"members\": {\"names\": [], \"roles\": []}}"));
        if (couch.config().hasCredentials()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((couch.config().user() + ":"
                    + couch.config().password()).getBytes(StandardCharsets.UTF_8)));
        }
        var answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static void open(Browser browser, String url) {
        browser.open(url).waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    }
}
