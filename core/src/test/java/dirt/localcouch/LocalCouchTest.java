package dirt.localcouch;

import static dirt.store.couch.LocalTestCouch.freePort;
import static dirt.store.couch.LocalTestCouch.paths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import dirt.store.couch.LocalTestCouch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCouchTest {
    @TempDir
    Path home;

    @Test
    void a_detached_server_keeps_its_data_across_stop_and_start_and_is_reported_by_status() throws IOException {
        LocalCouch couch = new LocalCouch(paths(home));
        int port = freePort();
        try {
            LocalCouchStatus started = couch.startDetached(port, false);

            assertThat(started.state()).isEqualTo(LocalCouchStatus.State.RUNNING);
            assertThat(started.url()).contains(URI.create("http://127.0.0.1:" + port));
            assertThat(couch.status()).isEqualTo(started);
            assertThat(Files.readString(home.resolve("couch.pid"))).contains("pid=" + started.pid().getAsLong());
            assertThat(couch.startDetached(port, false)).as("starting again is a no-op").isEqualTo(started);
            LocalAdmin admin = couch.adminFor(started.url().orElseThrow()).orElseThrow();
            withClient(port, admin, client -> {
                client.database("kept").createIfMissing();
                // pouchdb-server records a new database in its list of databases a moment after answering 201;
                // stopping it before then loses the database (a pouchdb-server limit; CouchDB creates synchronously).
                await().atMost(Duration.ofSeconds(10)).until(() -> client.allDbs().contains("kept"));
            });

            assertThat(couch.stop()).isTrue();
            assertThat(couch.status().state()).isEqualTo(LocalCouchStatus.State.STOPPED);
            assertThat(home.resolve("couch.pid")).doesNotExist();

            LocalCouchStatus again = couch.startDetached(port, false);
            assertThat(couch.adminFor(again.url().orElseThrow())).as("the same admin").contains(admin);
            withClient(port, admin, client -> assertThat(client.database("kept").exists()).isTrue());
        } finally {
            couch.stop();
        }
        assertThat(home.resolve("couch.log")).isNotEmptyFile();
    }

    @Test
    void a_pouchdb_server_that_an_earlier_dirt_started_without_an_admin_is_recognised() {
        int port = freePort();
        try (RunningCouch earlier = new LocalCouch(paths(home)).start(port, true)) {
            new PidFile(earlier.pid(), earlier.url(), Optional.empty()).write(home.resolve("couch.pid"));
            LocalCouch couch = new LocalCouch(paths(home));

            assertThat(couch.status().running()).isTrue();
            assertThat(couch.runsWithoutAdmin(earlier.url())).isTrue();
            assertThat(couch.adminFor(earlier.url())).isEmpty();
            assertThat(couch.runsWithoutAdmin(URI.create("http://127.0.0.1:" + (port + 1)))).isFalse();
        }
    }

    @Test
    void stop_without_a_running_server_reports_false() {
        LocalCouch couch = new LocalCouch(paths(home));

        assertThat(couch.stop()).isFalse();
        assertThat(couch.status()).isEqualTo(LocalCouchStatus.stopped());
    }

    @Test
    void a_stale_pid_file_counts_as_stopped() throws IOException {
        Files.writeString(home.resolve("couch.pid"), "pid=" + Long.MAX_VALUE + "\nurl=http://127.0.0.1:1\n");
        LocalCouch couch = new LocalCouch(paths(home));

        assertThat(couch.status().state()).isEqualTo(LocalCouchStatus.State.STOPPED);
        assertThat(couch.stop()).isFalse();
        assertThat(home.resolve("couch.pid")).doesNotExist();
    }

    @Test
    void an_attached_server_answers_until_closed() {
        int port = freePort();
        RunningCouch server = new LocalCouch(paths(home)).start(port, true);
        try {
            assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            withClient(port, null, client -> assertThat(client.serverInfo().version()).isEqualTo("4.2.0"));
        } finally {
            server.close();
        }
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void starting_on_a_busy_port_names_the_port_and_what_to_do() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> new LocalCouch(paths(home)).start(port, true))
                    .isInstanceOf(LocalCouchException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use — stop the server that uses it,"
                            + " or choose another port with --port");
        }
    }

    @Test
    void without_node_and_npm_installing_says_what_to_install() {
        PouchDbInstaller installer = new PouchDbInstaller(home.resolve("empty-bin").toString());

        assertThatThrownBy(() -> installer.ensureInstalled(home.resolve("pouchdb")))
                .isInstanceOf(LocalCouchException.class)
                .hasMessage("pouchdb-server needs Node.js and npm: apt-get install nodejs npm");
    }

    @Test
    void an_installed_server_is_recognised_without_npm() {
        PouchDbInstaller installer = new PouchDbInstaller("");
        LocalCouch.ensureInstalled(LocalTestCouch.installDir());

        assertThat(installer.ensureInstalled(LocalTestCouch.installDir()))
                .isEqualTo(PouchDbInstaller.script(LocalTestCouch.installDir()));
    }

    @Test
    void the_default_layout_lives_in_dot_dirt_or_dirt_home_dir() {
        Path user = Path.of("/home/ann");

        assertThat(LocalCouchPaths.defaults(Map.of(), user)).isEqualTo(new LocalCouchPaths(
                user.resolve(".dirt/pouchdb-server"), user.resolve(".dirt/couch-data"),
                user.resolve(".dirt/couch.log"), user.resolve(".dirt/couch.pid")));
        assertThat(LocalCouchPaths.defaults(Map.of("DIRT_HOME_DIR", "/tmp/dh"), user).pidFile())
                .isEqualTo(Path.of("/tmp/dh/couch.pid"));
    }

    private static void withClient(int port, LocalAdmin admin, java.util.function.Consumer<CouchClient> use) {
        CouchConfig config = CouchConfig.of("http://127.0.0.1:" + port)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
        try (CouchClient client = CouchClient.create(admin == null ? config
                : config.withCredentials(admin.user(), admin.password()))) {
            use.accept(client);
        }
    }
}
