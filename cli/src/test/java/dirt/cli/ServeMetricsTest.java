package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.LocalTestCouch;
import dirt.store.couch.RestartableTestCouch;
import dirt.store.couch.TestCouch;
import dirt.store.couch.ViewQuery;
import dirt.task.TaskTally;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dirt serve} with {@code [serve] metrics}, as its own process: what {@code /metrics} counts is what the
 * database stored, and {@code /healthz} follows the database going away and coming back.
 */
@ExtendWith(CouchServerExtension.class)
class ServeMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern METRICS_URL = Pattern.compile("metrics: (http://127\\.0\\.0\\.1:\\d+)/metrics");

    @TempDir
    Path dir;

    private ServeProcess serve;
    private RestartableTestCouch ownCouch;

    @AfterEach
    void stop_everything() throws InterruptedException {
        if (serve != null) {
            serve.kill();
        }
        if (ownCouch != null) {
            ownCouch.close();
        }
    }

    /** A project on {@code couchUrl} with the local node (2 slots), any command allowed, metrics on any free port. */
    private Path project(String couchUrl, String database, String metrics) throws IOException {
        Map<String, String> env = env(couchUrl);
        assertThat(new Cli(dir, env).run("create", "demo", database).exitCode()).isZero();
        Path project = dir.resolve("demo");
        Cli.allowAnyCommand(project);
        Path settings = project.resolve("settings.toml");
        Files.writeString(settings, Files.readString(settings).replace("# metrics = \"127.0.0.1:9464\"",
                "metrics = \"" + metrics + "\""));
        var cli = new Cli(project, env);
        var probed = cli.run("updatenodes", "--local");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        assertThat(cli.run("nodes", "slots", "local", "2").exitCode()).isZero();
        return project;
    }

    private Map<String, String> env(String couchUrl) {
        return Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couchUrl);
    }

    /** The base URL serve printed for its metrics ({@code http://127.0.0.1:PORT}). */
    private String metricsBase() {
        Matcher url = METRICS_URL.matcher(serve.log());
        assertThat(url.find()).as(serve.log()).isTrue();
        return url.group(1);
    }

    private static ObjectNode task(String id, String name, String command) {
        return JSON.createObjectNode().put("_id", id).put("type", "task").put("record_id", "r1").put("name", name)
                .put("command", command);
    }

    private static boolean completed(CouchDatabase db, String... ids) {
        for (String id : ids) {
            if (!db.get(id).map(doc -> doc.has("completed")).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonNode> tasks(CouchDatabase db) {
        return db.allDocs(ViewQuery.all().includeDocs(true)).rows().stream().filter(row -> row.doc() != null)
                .map(row -> (JsonNode) JacksonBridge.tree(row.doc()))
                .filter(doc -> "task".equals(doc.path("type").asText())).toList();
    }

    private HttpResponse<String> healthz(String base) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_count_the_tasks_that_ran_as_the_database_stored_them(TestCouch couch) throws Exception {
        String name = couch.newDatabaseName();
        Path project = project(couch.url(), name, "127.0.0.1:0");
        CouchDatabase db = couch.client().database(name);
        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record")));
        serve = ServeProcess.start(project, env(couch.url()), dir.resolve("serve.log"));
        String metrics = metricsBase() + "/metrics";
        Path flag = dir.resolve("release-hold");

        ObjectNode never = task("never", "never", "true");
        never.putArray("requires").add("architecture is sparc64");
        ObjectNode later = task("later", "later", "true");
        later.putArray("after").add("never");
        db.bulkDocs(List.of(task("hold", "hold", "while [ ! -e " + flag + " ]; do sleep 0.1; done"),
                task("ok1", "ok", "true"), task("ok2", "ok", "true"), task("bad1", "bad", "exit 3"),
                task("flaky", "flaky", "exit 1").put("tries", 2).put("retry_delay", 0), never, later));

        await("hold runs and is counted").atMost(WAIT).untilAsserted(() -> {
            Scrape running = Scrape.of(metrics);
            assertThat(running.value("dirt_node_slots_busy", "node", "local")).as(running.toString())
                    .isGreaterThanOrEqualTo(1);
            assertThat(running.value("dirt_tasks_claimed_total", "task", "hold")).isEqualTo(1);
        });
        Files.createFile(flag);
        await().atMost(WAIT).until(() -> completed(db, "hold", "ok1", "ok2", "bad1", "flaky"));

        await("the counters match the stored documents").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(metrics);
            Map<String, Integer> outcomes = new HashMap<>();
            Map<String, Integer> attempts = new HashMap<>();
            for (JsonNode doc : tasks(db)) {
                String task = doc.path("name").asText();
                attempts.merge(task, doc.path("attempt").asInt(0), Integer::sum);
                if (doc.has("completed")) {
                    outcomes.merge(task + "/" + TaskTally.statusOf(JacksonBridge.object((ObjectNode) doc)).name().toLowerCase(Locale.ROOT), 1,
                            Integer::sum);
                }
            }
            assertThat(outcomes).containsEntry("ok/passed", 2).containsEntry("bad/failed", 1)
                    .containsEntry("flaky/failed", 1).containsEntry("hold/passed", 1);
            outcomes.forEach((key, count) -> assertThat(scrape.value("dirt_tasks_completed_total", "task",
                    key.split("/")[0], "outcome", key.split("/")[1])).as(key + "\n" + scrape)
                    .isEqualTo(count.doubleValue()));
            assertThat(scrape.value("dirt_tasks_completed_total")).isEqualTo(
                    outcomes.values().stream().mapToDouble(Integer::doubleValue).sum());
            attempts.forEach((task, count) -> assertThat(scrape.value("dirt_tasks_claimed_total", "task", task))
                    .as(task).isEqualTo(count.doubleValue()));
            assertThat(scrape.value("dirt_tasks_retried_total", "task", "flaky"))
                    .isEqualTo(db.get("flaky").orElseThrow().path("history").size());
            assertThat(scrape.value("dirt_tasks_waiting", "reason", "no_node")).isEqualTo(1);
            assertThat(scrape.value("dirt_tasks_waiting", "reason", "dependency")).isEqualTo(1);
            assertThat(scrape.value("dirt_node_slots_busy", "node", "local")).isZero();
            assertThat(scrape.value("dirt_node_slots_free", "node", "local")).isEqualTo(2);
            assertThat(scrape.value("dirt_runs_lost_total")).isZero();
            assertThat(scrape.value("dirt_changes_feed_connected")).isEqualTo(1);
            assertThat(scrape.value("dirt_couch_requests_seconds_count", "method", "POST")).isPositive();
            assertThat(scrape.all("dirt_couch_requests_seconds_bucket")).isNotEmpty();
            assertThat(scrape.value("jvm_threads_live_threads")).isPositive();
        });
    }

    @Test
    void healthz_turns_503_when_the_database_stops_and_200_again_when_it_is_back() throws Exception {
        ownCouch = RestartableTestCouch.start(Files.createDirectories(dir.resolve("own-couch")));
        Path project = project(ownCouch.url(), "outage", "127.0.0.1:0");
        serve = ServeProcess.start(project, env(ownCouch.url()), dir.resolve("serve.log"));
        String base = metricsBase();
        await().atMost(WAIT).until(() -> healthz(base).statusCode() == 200);
        assertThat(healthz(base).body()).startsWith("ok: following the changes feed");

        ownCouch.stop();

        await().atMost(WAIT).until(() -> healthz(base).statusCode() == 503);
        assertThat(healthz(base).body()).startsWith("cannot write to the database: cannot reach CouchDB at ")
                .endsWith("\n").hasLineCount(1);

        ownCouch.restart();

        await().atMost(WAIT).until(() -> healthz(base).statusCode() == 200);
        assertThat(serve.isAlive()).isTrue();
    }

    @Test
    void serve_check_exits_0_when_healthy_and_1_with_the_reason_when_the_database_cannot_be_reached(TestCouch couch)
            throws Exception {
        Path project = project(couch.url(), couch.newDatabaseName(), "127.0.0.1:0");

        var healthy = new Cli(project, env(couch.url())).run("serve", "--check");
        var unreachable = new Cli(project, env("http://127.0.0.1:" + LocalTestCouch.freePort())).run("serve",
                "--check");

        assertThat(healthy.exitCode()).as(healthy.err()).isZero();
        assertThat(healthy.out()).startsWith("ok: following the changes feed");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("dirt: unhealthy: cannot write to the database: cannot reach CouchDB");
    }

    @Test
    void a_metrics_port_that_is_taken_stops_serve_at_start_with_a_message_naming_the_setting(TestCouch couch)
            throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Path project = project(couch.url(), couch.newDatabaseName(), address);

            var run = new Cli(project, env(couch.url())).run("serve");

            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.err()).isEqualTo("dirt: cannot serve metrics at " + address + " ([serve] metrics in"
                    + " settings.toml): Address already in use — choose a free port on an address of this machine,"
                    + " e.g. \"127.0.0.1:9464\", or remove the setting to serve no metrics\n");
        }
    }

    @Test
    void json_log_format_writes_every_line_as_one_json_object(TestCouch couch) throws Exception {
        String name = couch.newDatabaseName();
        Path project = project(couch.url(), name, "127.0.0.1:0");
        CouchDatabase db = couch.client().database(name);
        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record")));
        serve = ServeProcess.start(project, env(couch.url()), dir.resolve("serve.log"), "--log-format",
                "json");
        db.bulkDocs(List.of(task("ok1", "ok", "true")));
        await().atMost(WAIT).until(() -> completed(db, "ok1") || !serve.isAlive());
        assertThat(completed(db, "ok1")).as(serve.log()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> serve.log().contains("ok1 (ok) on local: passed"));

        assertThat(serve.stop(Duration.ofSeconds(30))).isTrue();

        List<String> lines = serve.log().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line).startsWith("{").endsWith("}");
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.isObject()).as(line).isTrue();
            assertThat(entry.path("level").asText()).as(line).isIn("INFO", "WARN", "ERROR", "DEBUG");
            assertThat(entry.path("timestamp").isNumber()).as(line).isTrue();
        });
        assertThat(lines).anySatisfy(line -> assertThat(JSON.readTree(line).path("formattedMessage").asText())
                .startsWith("metrics: http://127.0.0.1:"));
        assertThat(lines).anySatisfy(line -> assertThat(JSON.readTree(line).path("formattedMessage").asText())
                .isEqualTo("ok1 (ok) on local: passed"));
    }
}
