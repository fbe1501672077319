package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.localcouch.LocalCouch;
import dirt.localcouch.LocalCouchPaths;
import dirt.localcouch.RunningCouch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart against a real detached pouchdb-server, as a new user gets it. The pouchdb-server that the test suite
 * installed is linked into a temporary DIRT_HOME_DIR so that the test does not pay for another npm install.
 */
class QuickstartCommandTest {
    @TempDir
    Path dir;

    private Cli cli;
    private String url;

    @BeforeEach
    void link_installed_server() throws IOException {
        Path home = Files.createDirectories(dir.resolve(".dirt"));
        Path installed = repoRoot().resolve(".tools/pouchdb");
        assumeTrue(Files.exists(installed.resolve("node_modules/pouchdb-server")),
                "pouchdb-server is not installed in .tools/pouchdb (./run-tests installs it)");
        Files.createSymbolicLink(home.resolve("pouchdb-server"), installed);
        cli = new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_HOME_DIR", home.toString()));
        url = "http://127.0.0.1:" + freePort();
    }

    @AfterEach
    void stop_server() {
        cli.run("couch", "stop", "--couch", url);
    }

    @Test
    void quickstart_starts_a_local_server_creates_the_demo_project_and_says_what_next() {
        var run = cli.run("quickstart", "--couch", url);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Started a local CouchDB-compatible server (pouchdb-server) at " + url)
                .contains("Created dirt project \"demo\"")
                .contains("Created database \"demo\"")
                .contains("Registered this machine as the node \"local\"")
                .contains("Posted the sample data from test_data.json: 10 document(s) stored")
                .contains("r123-simple          examples.simple        passed on local")
                .contains("r123-attachments     examples.attachments   passed on local")
                .contains("r123-disk-free       disk_free              passed on local")
                .contains("dirt status r123-simple");
        assertThat(run.out() + run.err()).as("the site's validation refuses anonymous writers once installed")
                .doesNotContain("may write to database");
        assertThat(dir.resolve("demo/settings.toml")).content().contains("url = \"" + url + "\"");
        assertThat(dir.resolve(".dirt/couch-data")).isDirectory();
    }

    @Test
    void the_server_quickstart_starts_has_an_admin_whose_password_only_the_file_holds() throws IOException {
        var run = cli.run("quickstart", "--couch", url);
        var status = cli.run("couch", "status", "--couch", url);

        Path adminFile = dir.resolve(".dirt/couch-data/admin.json");
        String password = password(adminFile);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Its admin's credentials are in " + adminFile + " (readable by you only);"
                + " dirt uses them for " + url + " when the URL carries none");
        assertThat(status.out()).contains("admin credentials: " + adminFile, "http://admin:***@127.0.0.1:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(adminFile))).isEqualTo("rw-------");
        assertThat(run.out() + run.err() + status.out() + status.err()).doesNotContain(password);
        assertThat(Files.readString(dir.resolve(".dirt/couch.log"))).doesNotContain(password);
        assertThat(Files.readString(dir.resolve(".dirt/couch-data/config.json"))).doesNotContain(password);
        assertThat(anonymous("GET", "/_config")).isEqualTo(401);
        assertThat(anonymous("PUT", "/demo/_design/evil")).isEqualTo(401);
        assertThat(anonymous("POST", "/demo", "{\"type\": \"task\", \"record_id\": \"r123\", \"name\": \"x\","
                + " \"command\": \"disk_free\", \"kwargs\": {\"path\": \"/\"}}")).as("validation refuses anonymous posts")
                .isEqualTo(403);
        assertThat(anonymous("GET", "/demo/r123")).as("anyone on this machine may read: the site").isEqualTo(200);
    }

    @Test
    void couch_start_on_a_server_an_earlier_dirt_started_without_an_admin_says_how_to_restart_it()
            throws IOException {
        int port = URI.create(url).getPort();
        try (RunningCouch earlier = new LocalCouch(LocalCouchPaths.under(dir.resolve(".dirt"))).start(port, true)) {
            Files.writeString(dir.resolve(".dirt/couch.pid"), "pid=" + earlier.pid() + "\nurl=" + url + "\n");

            var start = cli.run("couch", "start", "--couch", url);

            assertThat(start.exitCode()).as(start.err()).isZero();
            assertThat(start.out()).contains("CouchDB answers at " + url);
            assertThat(start.err()).contains("warning: the local pouchdb-server at " + url + " was started by an"
                    + " earlier version of dirt and has no admin, so every program on this machine may change it —"
                    + " restart it to give it one (the data is kept): dirt couch stop && dirt couch start");
        }
    }

    @Test
    void quickstart_again_reuses_the_running_server_and_the_project() {
        cli.run("quickstart", "--couch", url);

        var again = cli.run("quickstart", "--couch", url);

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("CouchDB answers at " + url)
                .contains("Using the existing project")
                .contains("Using database \"demo\"")
                .contains("0 document(s) stored, 10 already there")
                .contains("r124-arguments       examples.arguments     passed on local");
    }

    @Test
    void couch_stop_stops_the_server_and_status_then_says_nothing_answers() {
        cli.run("couch", "start", "--couch", url);

        var stop = cli.run("couch", "stop", "--couch", url);
        var status = cli.run("couch", "status", "--couch", url);

        assertThat(stop.out()).contains("Stopped the local server.");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.STORE);
        assertThat(status.out()).contains("nothing answers");
    }

    @Test
    void quickstart_refuses_a_folder_that_is_not_a_project() throws IOException {
        Files.createDirectories(dir.resolve("demo"));

        var run = cli.run("quickstart", "--couch", url);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("folder \"demo\" exists and is not a dirt project");
    }

    private int anonymous(String method, String path) {
        return anonymous(method, path, method.equals("GET") ? "" : "{}");
    }

    private int anonymous(String method, String path, String body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String password(Path adminFile) throws IOException {
        return new ObjectMapper().readTree(adminFile.toFile()).path("password").asText();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path repoRoot() {
        String root = System.getenv("DIRT_REPO_ROOT");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }
}
