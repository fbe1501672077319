package dirt.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dirt.config.ConfigException;
import dirt.config.ListenAddress;
import dirt.serve.ServeEvents;
import dirt.serve.ServeHealth;
import dirt.store.Feed;
import dirt.store.RequestObserver;
import dirt.store.Store;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.LocalTestCouch;
import dirt.store.couch.TestCouch;
import dirt.task.TaskStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /metrics} and {@code /healthz} over real HTTP, with health checked against the real database. */
@ExtendWith(CouchServerExtension.class)
class MetricsServerTest {
    private static final ListenAddress ANY_PORT = new ListenAddress("127.0.0.1", 0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServeMetrics metrics = new ServeMetrics();
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        metrics.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ServeHealth.Verdict healthy() {
        return new ServeHealth.Verdict(true, "ok: fine");
    }

    @Test
    void metrics_are_prometheus_text_with_serves_counters_the_couchdb_histogram_and_the_jvm()
            throws Exception {
        server = MetricsServer.start(ANY_PORT, metrics::scrape, MetricsServerTest::healthy);
        metrics.claimed("compile");
        metrics.completed("compile", TaskStatus.PASSED);
        metrics.lost("compile", ServeEvents.Lost.NODE);
        metrics.conflict(ServeEvents.Conflict.SLOT);
        metrics.answered("PUT", 201, Duration.ofMillis(7));
        metrics.unanswered("GET", RequestObserver.Unanswered.UNREACHABLE, Duration.ofMillis(1));
        metrics.delivered("email");

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MetricsServer.PROMETHEUS_TEXT);
        assertThat(response.body()).contains(
                "dirt_tasks_claimed_total{task=\"compile\"} 1.0",
                "dirt_tasks_completed_total{outcome=\"passed\",task=\"compile\"} 1.0",
                "dirt_runs_lost_total{cause=\"node\"} 1.0",
                "dirt_claim_conflicts_total{what=\"slot\"} 1.0",
                "dirt_couch_requests_seconds_bucket{method=\"PUT\",status=\"201\",le=\"0.01\"} 1",
                "dirt_couch_request_errors_total{cause=\"unreachable\",method=\"GET\"} 1.0",
                "dirt_notifications_delivered_total{channel=\"email\"} 1.0",
                "jvm_memory_used_bytes", "process_uptime_seconds");
    }

    @Test
    void task_names_past_the_limit_count_as_other() throws Exception {
        server = MetricsServer.start(ANY_PORT, metrics::scrape, MetricsServerTest::healthy);
        for (int i = 0; i <= ServeMetrics.MAX_TASK_NAMES; i++) {
            metrics.claimed("task" + i);
        }
        metrics.claimed("");

        assertThat(get("/metrics").body()).contains("dirt_tasks_claimed_total{task=\"task0\"} 1.0",
                "dirt_tasks_claimed_total{task=\"other\"} 2.0").doesNotContain("task=\"unnamed\"");
    }

    @Test
    void healthz_answers_200_while_serve_follows_the_feed_and_writes_to_the_database(TestCouch couch)
            throws Exception {
        Store store = TestCouch.store(couch.database());
        try (Feed feed = store.follow(store.now(), change -> { })) {
            ServeHealth health = new ServeHealth(store, "test", () -> Optional.of(feed), Clock.systemUTC());
            server = MetricsServer.start(ANY_PORT, metrics::scrape, health::check);

            await().atMost(Duration.ofSeconds(30)).until(() -> get("/healthz").statusCode() == 200);

            assertThat(get("/healthz").body()).startsWith("ok: following the changes feed (").endsWith("\n");
            assertThat(store.get("_local/dirt-health-test")).isPresent();
        }
    }

    @Test
    void healthz_answers_503_with_one_line_saying_why_when_the_database_cannot_be_reached() throws Exception {
        int dead = LocalTestCouch.freePort();
        try (CouchClient client = CouchClient.create(CouchConfig.of("http://127.0.0.1:" + dead))) {
            Store store = TestCouch.store(client.database("demo"));
            ServeHealth health = new ServeHealth(store, "test", Optional::empty, Clock.systemUTC());
            server = MetricsServer.start(ANY_PORT, metrics::scrape, health::check);

            HttpResponse<String> response = get("/healthz");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("cannot write to the database: cannot reach CouchDB at"
                    + " http://127.0.0.1:" + dead + ": connection refused — start it with 'dirt couch start', or point"
                    + " dirt at another server with --couch URL or DIRT_COUCH_URL\n");
        }
    }

    @Test
    void healthz_of_a_serve_that_is_still_starting_is_503() throws Exception {
        ServeHealth.Verdict starting = new ServeHealth.Verdict(false, "not following the changes feed: starting");
        server = MetricsServer.start(ANY_PORT, metrics::scrape, () -> starting);

        assertThat(get("/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void other_paths_are_not_found_and_other_methods_not_allowed() throws Exception {
        server = MetricsServer.start(ANY_PORT, metrics::scrape, MetricsServerTest::healthy);
        URI metricsUri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics");

        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(metricsUri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    @Test
    void a_metrics_address_that_is_taken_is_refused_with_a_message_naming_the_setting() {
        server = MetricsServer.start(ANY_PORT, metrics::scrape, MetricsServerTest::healthy);
        ListenAddress taken = new ListenAddress("127.0.0.1", server.address().getPort());

        assertThatThrownBy(() -> MetricsServer.start(taken, metrics::scrape, MetricsServerTest::healthy))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot serve metrics at " + taken + " ([serve] metrics in settings.toml): Address"
                        + " already in use — choose a free port on an address of this machine, e.g."
                        + " \"127.0.0.1:9464\", or remove the setting to serve no metrics");
    }

    @Test
    void a_metrics_host_that_is_not_known_is_refused_naming_it() {
        assertThatThrownBy(() -> MetricsServer.start(new ListenAddress("no-such-host.invalid", 9464),
                metrics::scrape, MetricsServerTest::healthy))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot serve metrics at no-such-host.invalid:9464 ([serve] metrics in"
                        + " settings.toml): host \"no-such-host.invalid\" is not known — ");
    }
}
