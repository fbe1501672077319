package dirt.localcouch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.store.UnauthorizedException;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import dirt.store.couch.LocalTestCouch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt couch start --release}: Apache CouchDB run detached from a release, against the real one in CI. */
class LocalCouchReleaseTest {
    @TempDir
    Path home;

    private LocalCouch couch;

    @AfterEach
    void stop() {
        if (couch != null) {
            couch.stop();
        }
    }

    @Test
    void a_release_runs_detached_as_couchdb_with_an_admin_that_only_its_owner_can_read() throws IOException {
        CouchRelease release = CouchRelease.at(TestCouchRelease.dir());
        couch = new LocalCouch(LocalCouchPaths.under(home));
        int port = LocalTestCouch.freePort();

        LocalCouchStatus started = couch.startDetached(port, release);

        assertThat(started.state()).isEqualTo(LocalCouchStatus.State.RUNNING);
        assertThat(started.server()).contains("CouchDB " + release.version() + " from " + release.dir());
        assertThat(couch.status()).isEqualTo(started);
        assertThat(Files.readString(home.resolve("couch.pid"))).contains("release=" + release.dir());
        Path adminFile = home.resolve("couchdb/admin.json");
        assertThat(couch.adminFile()).isEqualTo(adminFile);
        assertThat(Files.getPosixFilePermissions(adminFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(adminFile.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(home.resolve("couchdb/local.ini"))).doesNotContain(admin(port).password());
        try (CouchClient anonymous = client(CouchConfig.of("http://127.0.0.1:" + port))) {
            assertThat(anonymous.serverInfo().version()).isEqualTo(release.version());
            assertThatThrownBy(() -> anonymous.database("kept").createIfMissing())
                    .isInstanceOf(UnauthorizedException.class);
        }
    }

    @Test
    void the_admin_is_found_for_loopback_urls_at_its_port_only() {
        couch = new LocalCouch(LocalCouchPaths.under(home));
        int port = LocalTestCouch.freePort();
        couch.startDetached(port, CouchRelease.at(TestCouchRelease.dir()));

        LocalAdmin admin = admin(port);

        assertThat(admin.user()).isEqualTo("admin");
        assertThat(admin.toString()).doesNotContain(admin.password());
        assertThat(couch.adminFor(URI.create("http://localhost:" + port))).contains(admin);
        assertThat(couch.adminFor(URI.create("http://127.0.0.1:" + (port + 1)))).isEmpty();
        assertThat(couch.adminFor(URI.create("http://couch.example.org:" + port))).isEmpty();
    }

    @Test
    void stopped_and_started_again_it_keeps_its_admin_and_its_databases_even_without_its_local_ini()
            throws IOException {
        CouchRelease release = CouchRelease.at(TestCouchRelease.dir());
        int port = LocalTestCouch.freePort();
        LocalAdmin admin = startedWithADatabaseKept(port, release);

        assertThat(couch.stop()).isTrue();
        assertThat(couch.status().state()).isEqualTo(LocalCouchStatus.State.STOPPED);
        assertThat(couch.adminFor(URI.create("http://127.0.0.1:" + port))).isEmpty();
        Files.delete(home.resolve("couchdb/local.ini"));

        couch.startDetached(port, release);
        assertThat(admin(port)).isEqualTo(admin);
        try (CouchClient client = client(config(port, admin))) {
            assertThat(client.database("kept").exists()).isTrue();
        }
    }

    @Test
    void started_again_on_another_port_it_keeps_its_databases() {
        CouchRelease release = CouchRelease.at(TestCouchRelease.dir());
        int first = LocalTestCouch.freePort();
        startedWithADatabaseKept(first, release);
        assertThat(couch.stop()).isTrue();

        int second = LocalTestCouch.freePort();
        while (second == first) {
            second = LocalTestCouch.freePort();
        }
        LocalCouchStatus started = couch.startDetached(second, release);

        assertThat(started.state()).isEqualTo(LocalCouchStatus.State.RUNNING);
        try (CouchClient client = client(config(second, admin(second)))) {
            assertThat(client.database("kept").exists()).isTrue();
        }
    }

    @Test
    void an_admin_password_changed_in_couchdb_stops_the_start_with_what_to_do() {
        couch = new LocalCouch(LocalCouchPaths.under(home));
        CouchRelease release = CouchRelease.at(TestCouchRelease.dir());
        int port = LocalTestCouch.freePort();
        couch.startDetached(port, release);
        changeAdminPassword(port, admin(port));
        couch.stop();

        assertThatThrownBy(() -> couch.startDetached(port, release))
                .isInstanceOf(LocalCouchException.class)
                .hasMessageStartingWith("CouchDB refused the admin in " + home.resolve("couchdb/admin.json"));
        assertThat(couch.status().state()).isEqualTo(LocalCouchStatus.State.STOPPED);
    }

    @Test
    void a_folder_that_is_not_a_release_is_refused_with_what_to_give() {
        assertThatThrownBy(() -> CouchRelease.at(home))
                .isInstanceOf(LocalCouchException.class)
                .hasMessage("not an Apache CouchDB release: dir=\"" + home + "\" has no bin/couchdb and"
                        + " etc/default.ini — name the folder of a CouchDB 3 build or installed package (the one"
                        + " that holds bin/ and etc/) with --release DIR, [couch] release or DIRT_COUCHDB_HOME");
    }

    /** {@link #couch} started on {@code port} with a database {@code kept}; its admin. */
    private LocalAdmin startedWithADatabaseKept(int port, CouchRelease release) {
        couch = new LocalCouch(LocalCouchPaths.under(home));
        couch.startDetached(port, release);
        LocalAdmin admin = admin(port);
        try (CouchClient client = client(config(port, admin))) {
            client.database("kept").createIfMissing();
        }
        return admin;
    }

    private static void changeAdminPassword(int port, LocalAdmin admin) {
        String basic = Base64.getEncoder().encodeToString((admin.user() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/_node/_local/_config/admins/" + admin.user()))
                .header("Authorization", "Basic " + basic)
                .PUT(HttpRequest.BodyPublishers.ofString("\"changed\"")).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private LocalAdmin admin(int port) {
        return couch.adminFor(URI.create("http://127.0.0.1:" + port)).orElseThrow();
    }

    private static CouchConfig config(int port, LocalAdmin admin) {
        return CouchConfig.of("http://127.0.0.1:" + port).withCredentials(admin.user(), admin.password());
    }

    private static CouchClient client(CouchConfig config) {
        return CouchClient.create(config.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }
}
