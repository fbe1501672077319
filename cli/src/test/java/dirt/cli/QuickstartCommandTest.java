package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
                .contains("Posted the sample data from test_data.json: 8 document(s) stored")
                .contains("r123-simple          examples.simple        passed on local")
                .contains("r123-attachments     examples.attachments   passed on local")
                .contains("r123-disk-free       disk_free              passed on local")
                .contains("dirt status r123-simple");
        assertThat(dir.resolve("demo/settings.toml")).content().contains("url = \"" + url + "\"");
        assertThat(dir.resolve(".dirt/couch-data")).isDirectory();
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
                .contains("0 document(s) stored, 8 already there")
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
