package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt web}: serves the project's site until stopped. */
@ExtendWith(CouchServerExtension.class)
class WebCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private TestCouch couch;
    private String db;
    private Cli cli;

    @BeforeEach
    void pushed_project(TestCouch couch) {
        this.couch = couch;
        db = couch.newDatabaseName();
        var env = Map.of("HOME", dir.toString(), "DIRT_HOME_DIR", dir.resolve(".dirt").toString(),
                "DIRT_COUCH_URL", couch.url());
        assertThat(new Cli(dir, env).run("create", "demo", db).exitCode()).isZero();
        cli = new Cli(dir.resolve("demo"), env);
        var pushed = cli.run("push");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(pushed.out().lines()).contains("The site: run 'dirt web' and open http://127.0.0.1:5985/");
    }

    @Test
    void web_serves_the_pages_and_the_database_with_no_more_access_than_couchdb_gives_an_anonymous_viewer()
            throws Exception {
        var web = cli.start("web", "--listen", "127.0.0.1:0");
        String site = web.siteUrl();

        HttpResponse<String> page = get(site);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<table id=\"grid\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'self'"));
        int direct = get(couch.config().url() + "/" + db + "/").statusCode();
        assertThat(get(site + "db/").statusCode()).as("same as an anonymous read of CouchDB").isEqualTo(direct);
        assertThat(web.out()).contains("dirt web: the site of project \"demo\", database \"" + db + "\" at "
                + couch.config().url());
        assertThat(web.out()).doesNotContain("***");

        var stopped = web.stop();
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
    }

    @Test
    void a_taken_port_fails_with_a_clear_message_and_exit_code_1() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var run = cli.run("web", "--listen", "127.0.0.1:" + taken.getLocalPort());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).startsWith("dirt: cannot serve the web site: address=\"127.0.0.1:"
                    + taken.getLocalPort() + "\" cause=\"").contains("— stop what listens there, or choose another"
                    + " address with --listen HOST:PORT");
        }
    }

    @Test
    void a_listen_without_a_port_is_a_usage_error() {
        var run = cli.run("web", "--listen", "localhost");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("invalid --listen: expected HOST:PORT like \"127.0.0.1:5985\"");
    }

    @Test
    void listening_on_every_interface_warns_that_others_can_reach_the_site() throws Exception {
        var web = cli.start("web", "--listen", "0.0.0.0:0");
        await().atMost(Duration.ofSeconds(10)).until(() -> web.out().contains("(Ctrl-C stops)"));

        assertThat(web.err()).contains("warning: 0.0.0.0:0 is reachable from other machines; each viewer still sees"
                + " only what CouchDB lets them read");
        assertThat(web.out()).contains("open http://localhost:");
        assertThat(web.stop().exitCode()).isZero();
    }


    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
