package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.localcouch.RunningCouch;
import dirt.store.UnauthorizedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials against a real server with an admin: its own pouchdb-server, since an admin changes what others may do. */
class LocalServerAuthTest {
    private static final String ADMIN = "boss";
    private static final String PASSWORD = "c0rrect-horse";

    @TempDir
    static Path workDir;
    private static RunningCouch server;

    @BeforeAll
    static void startServerWithAnAdmin() throws IOException, InterruptedException {
        server = LocalTestCouch.start(workDir, true);
        HttpRequest addAdmin = HttpRequest.newBuilder(URI.create(server.url() + "/_config/admins/" + ADMIN))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("\"" + PASSWORD + "\""))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(addAdmin, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_wrong_password_raises_unauthorized_with_the_exact_message_and_no_password() {
        CouchConfig wrong = server.config().withCredentials(ADMIN, "tr0ub4dor");

        try (CouchClient client = CouchClient.create(wrong)) {
            assertThatThrownBy(client::serverInfo)
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessage("CouchDB at http://boss:***@127.0.0.1:" + server.port() + " refused the credentials"
                            + " for user \"boss\": status=401 reason=\"Name or password is incorrect.\" — set [couch]"
                            + " user/password in settings.toml or DIRT_COUCH_USER/DIRT_COUCH_PASSWORD, or put them in"
                            + " the URL")
                    .hasMessageNotContaining("tr0ub4dor");
        }
    }

    @Test
    void credentials_in_the_url_are_accepted_and_kept_out_of_messages() {
        String url = "http://" + ADMIN + ":" + PASSWORD + "@127.0.0.1:" + server.port();

        try (CouchClient client = CouchClient.create(CouchConfig.of(url))) {
            CouchDatabase db = client.database("guarded");

            assertThat(db.createIfMissing()).isTrue();
            assertThat(client.serverInfo().version()).isNotBlank();
            assertThat(client.toString()).doesNotContain(PASSWORD);
            assertThat(db.toString()).doesNotContain(PASSWORD);
            assertThat(client.config().toString()).doesNotContain(PASSWORD);
        }
    }
}
