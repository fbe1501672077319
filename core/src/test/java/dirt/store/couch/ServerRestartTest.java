package dirt.store.couch;

import static dirt.store.couch.Docs.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous feed across a real server restart: a server of its own (Apache CouchDB from
 * {@code DIRT_TEST_COUCHDB_HOME}, else pouchdb-server) with data on disk, stopped and started.
 */
class ServerRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;
    private RestartableTestCouch server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_continuous_feed_reconnects_after_the_server_restarts_and_resumes_after_its_last_seq() {
        server = RestartableTestCouch.start(workDir);
        try (CouchClient client = CouchClient.create(server.config().withTimeouts(Duration.ofSeconds(1),
                Duration.ofSeconds(5)))) {
            CouchDatabase db = client.database("restarts");
            db.createIfMissing();
            List<String> received = new CopyOnWriteArrayList<>();
            ChangesQuery query = ChangesQuery.since(Seq.NOW).withHeartbeat(Duration.ofMillis(500));
            try (ChangesFeed feed = db.follow(query, change -> received.add(change.id()))) {
                await().atMost(WAIT).until(() -> feed.lastSeq().isPresent());
                db.put(doc("before-restart"));
                await().atMost(WAIT).until(() -> received.contains("before-restart"));

                server.restart();
                db.put(doc("after-restart"));

                await().atMost(WAIT).until(() -> received.contains("after-restart"));
                assertThat(received).containsExactly("before-restart", "after-restart");
                assertThat(feed.reconnects()).isGreaterThanOrEqualTo(1);
            }
        }
    }
}
