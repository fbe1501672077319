package dirt.localcouch;

import static dirt.store.couch.LocalTestCouch.freePort;
import static dirt.store.couch.LocalTestCouch.paths;
import static org.assertj.core.api.Assertions.assertThat;

import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import java.io.IOException;
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
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detached pouchdb-server that {@code dirt couch start} runs: an admin, CORS off, against the real server. */
class PouchDbAdminTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path home;
    private static LocalCouch couch;
    private static URI url;
    private static LocalAdmin admin;

    @BeforeAll
    static void start_a_detached_server() {
        couch = new LocalCouch(paths(home));
        url = couch.startDetached(freePort(), false).url().orElseThrow();
        admin = couch.adminFor(url).orElseThrow();
        try (CouchClient client = CouchClient.create(CouchConfig.of(url.toString())
                .withCredentials(admin.user(), admin.password()))) {
            client.database("tasks").createIfMissing();
        }
    }

    @AfterAll
    static void stop_it() {
        couch.stop();
    }

    @Test
    void the_started_server_has_an_admin_kept_in_a_file_only_its_owner_may_read() throws IOException {
        assertThat(admin.file()).isEqualTo(home.resolve("admin.json")).isEqualTo(couch.pouchDbAdminFile());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(admin.file()))).isEqualTo("rw-------");
        assertThat(admin.password()).hasSize(48);
        assertThat(admin.toString()).doesNotContain(admin.password());
        assertThat(send("GET", "/_session", admin).body()).contains("\"name\":\"admin\"", "\"_admin\"");
        assertThat(send("GET", "/_session", null).body()).contains("\"userCtx\":{\"name\":null,\"roles\":[]}");
        assertThat(couch.runsWithoutAdmin(url)).isFalse();
    }

    @Test
    void the_configuration_holds_the_admin_only_as_a_hash_and_cors_off() throws IOException {
        String config = Files.readString(home.resolve("config.json"));

        assertThat(config).containsPattern("\"admin\": \"-pbkdf2-[0-9a-f]{40},[0-9a-f]+,10\"")
                .containsPattern("\"enable_cors\": false").doesNotContain(admin.password());
        assertThat(Files.readString(home.resolve("couch.log"))).doesNotContain(admin.password());
    }

    @Test
    void anonymous_clients_may_not_change_the_configuration_design_documents_or_security() {
        assertThat(send("PUT", "/_config/admins/mallory", null, "\"secret\"").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/_config", null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/tasks/_design/evil", null, "{\"views\":{}}").statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/tasks/_security", null, "{}").statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/tasks/_design/fine", admin, "{\"views\":{}}").statusCode()).isEqualTo(201);
    }

    @Test
    void a_cross_origin_preflight_is_not_allowed() {
        HttpResponse<String> preflight = exchange(request("/tasks")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        HttpResponse<String> get = exchange(request("/").header("Origin", "http://evil.example").GET());

        assertThat(preflight.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control"));
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static HttpResponse<String> send(String method, String path, LocalAdmin as) {
        return send(method, path, as, null);
    }

    private static HttpResponse<String> send(String method, String path, LocalAdmin as, String json) {
        HttpRequest.Builder request = request(path).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        if (as != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((as.user() + ":" + as.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return exchange(request);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(3));
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
