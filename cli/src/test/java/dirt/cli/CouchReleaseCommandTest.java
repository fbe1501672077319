package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.localcouch.CouchRelease;
import dirt.localcouch.TestCouchRelease;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import dirt.store.couch.LocalTestCouch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dirt couch start --release}: dirt's local server as Apache CouchDB, run from the real release in
 * {@code DIRT_TEST_COUCHDB_HOME}, used by the other commands without the user giving credentials.
 */
class CouchReleaseCommandTest {
    @TempDir
    Path dir;

    private CouchRelease release;
    private Cli cli;
    private String url;

    @BeforeEach
    void pick_the_release_and_a_port() {
        release = CouchRelease.at(TestCouchRelease.dir());
        cli = new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_HOME_DIR", dir.resolve(".dirt").toString()));
        url = "http://127.0.0.1:" + LocalTestCouch.freePort();
    }

    @AfterEach
    void stop_server() {
        cli.run("couch", "stop", "--couch", url);
    }

    @Test
    void couch_start_with_a_release_runs_couchdb_and_status_names_it_and_the_credentials_file() {
        var start = cli.run("couch", "start", "--release", release.dir().toString(), "--couch", url);
        var status = cli.run("couch", "status", "--couch", url);

        assertThat(start.exitCode()).as(start.err()).isZero();
        Path adminFile = dir.resolve(".dirt/couchdb/admin.json");
        assertThat(start.out()).contains("Started CouchDB " + release.version() + " from " + release.dir() + " at "
                + url, "Its admin's credentials are in " + adminFile);
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out())
                .containsPattern("local server: running pid=\\d+ url=" + url + " \\(CouchDB " + release.version()
                        + " from " + release.dir() + "\\)")
                .contains("admin credentials: " + adminFile)
                .contains("http://admin:***@127.0.0.1:", "The Apache Software Foundation " + release.version());
        assertThat(start.out() + status.out()).doesNotContain(password());
    }

    @Test
    void a_project_creates_its_database_and_posts_to_the_local_couchdb_without_credentials() {
        var env = Map.of("HOME", dir.toString(), "DIRT_HOME_DIR", dir.resolve(".dirt").toString(),
                "DIRT_COUCHDB_HOME", release.dir().toString());
        var start = new Cli(dir, env).run("couch", "start", "--couch", url);

        var create = cli.run("create", "demo", "--couch", url);
        var post = cli.run("post", "--project", "demo", "demo/test_data.json");

        assertThat(start.out()).as(start.err()).contains("Started CouchDB " + release.version());
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(post.exitCode()).as(post.err()).isZero();
        assertThat(post.out()).contains("stored record r123", " 0 not stored");
        try (CouchClient admin = CouchClient.create(CouchConfig.of(url).withCredentials("admin", password()))) {
            assertThat(admin.database("demo").get("r123")).isPresent();
        }
    }

    @Test
    void a_database_admin_who_may_not_create_databases_pushes_and_posts_to_an_existing_database() throws Exception {
        cli.run("couch", "start", "--release", release.dir().toString(), "--couch", url);
        cli.run("create", "demo", "--couch", url);
        asAdmin("PUT", "/_users/org.couchdb.user:dirt", "{\"name\": \"dirt\", \"password\": \"s3cret\", \"roles\": [],"
                + " \"type\": \"user\"}");
        asAdmin("PUT", "/demo/_security", "{\"admins\": {\"names\": [\"dirt\"], \"roles\": []}, \"members\": {}}");
        String asDirt = url.replace("//", "//dirt:s3cret@");

        var push = cli.run("push", "--project", "demo", "--couch", asDirt);
        var post = cli.run("post", "--project", "demo", "--couch", asDirt, "demo/test_data.json");

        assertThat(push.exitCode()).as(push.err()).isZero();
        assertThat(push.out()).contains("Found database \"demo\" at http://dirt:***@127.0.0.1:");
        assertThat(post.exitCode()).as(post.err()).isZero();
        assertThat(post.out()).contains("stored record r123", " 0 not stored");
    }

    @Test
    void quickstart_uses_the_couchdb_that_couch_start_runs() {
        cli.run("couch", "start", "--release", release.dir().toString(), "--couch", url);

        var run = cli.run("quickstart", "--couch", url);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("CouchDB answers at " + url + " (The Apache Software Foundation " + release.version() + ")")
                .contains("Created database \"demo\"")
                .contains("r123-simple          examples.simple        passed on local");
    }

    @Test
    void couch_stop_stops_the_couchdb_and_status_then_says_nothing_answers() {
        cli.run("couch", "start", "--release", release.dir().toString(), "--couch", url);

        var stop = cli.run("couch", "stop", "--couch", url);
        var status = cli.run("couch", "status", "--couch", url);

        assertThat(stop.out()).contains("Stopped the local server.");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.STORE);
        assertThat(status.out()).contains("local server: stopped", url + ": nothing answers");
    }

    private void asAdmin(String method, String path, String body) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 202);
    }

    private String password() {
        try {
            return Files.readString(dir.resolve(".dirt/couchdb/admin.json"))
                    .replaceAll("(?s).*\"password\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
