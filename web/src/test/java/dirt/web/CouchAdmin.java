package dirt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchConfig;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.TestCouch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a CouchDB admin does for the site's tests, over HTTP with the test server's credentials: who may read a
 * database ({@code _security}) and users in {@code _users}, removed again by {@link #close()}.
 */
final class CouchAdmin implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final CouchConfig config;
    private final boolean apacheCouchDb;
    private final List<String> users = new ArrayList<>();

    CouchAdmin(TestCouch couch) {
        this.config = couch.config();
        this.apacheCouchDb = couch.client().serverInfo().vendor().contains("Apache");
    }

    /**
     * Whether {@code _security} members restrict who reads: an Apache CouchDB with an admin. Not on an admin party,
     * where every viewer is an admin, nor on pouchdb-server, which does not restrict reads to members.
     */
    boolean enforcesSecurity() {
        return config.hasCredentials() && apacheCouchDb;
    }

    /** Lets anyone read {@code db}: CouchDB 3 makes new databases admin-only. */
    void openToReaders(CouchDatabase db) {
        security(db, List.of());
    }

    /** Lets only {@code names} (and admins) read {@code db}. */
    void membersOnly(CouchDatabase db, String... names) {
        security(db, List.of(names));
    }

    /** A CouchDB user {@code name} with {@code password} and {@code roles}, deleted again by {@link #close()}. */
    void createUser(String name, String password, String... roles) {
        ObjectNode user = JSON.createObjectNode().put("_id", "org.couchdb.user:" + name).put("name", name)
                .put("type", "user").put("password", password);
        List.of(roles).forEach(user.putArray("roles")::add);
        HttpResponse<String> answer = send("PUT", "_users/" + encode("org.couchdb.user:" + name), user.toString());
        assertThat(answer.statusCode()).as(answer.body()).isIn(201, 202);
        users.add(name);
    }

    private void security(CouchDatabase db, List<String> members) {
        ObjectNode security = JSON.createObjectNode();
        security.putObject("admins").putArray("names");
        ObjectNode membersNode = security.putObject("members");
        members.forEach(membersNode.putArray("names")::add);
        HttpResponse<String> answer = send("PUT", encode(db.name()) + "/_security", security.toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url() + "/" + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (config.hasCredentials()) {
            String pair = config.user() + ":" + config.password();
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (String name : users) {
            String path = "_users/" + encode("org.couchdb.user:" + name);
            try {
                String rev = JSON.readTree(send("GET", path, null).body()).path("_rev").asText();
                send("DELETE", path + "?rev=" + encode(rev), null);
            } catch (IOException | RuntimeException e) {
                // best effort: a user left behind on a test server harms nothing
            }
        }
        users.clear();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
