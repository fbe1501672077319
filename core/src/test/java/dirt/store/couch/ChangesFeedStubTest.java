package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The feed's handling of connections that go silent, against a loopback stub that can stall on demand (a real
 * server's silent death is tested with a stopped pouchdb-server in {@link LocalServerRestartTest}).
 */
class ChangesFeedStubTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void a_connection_silent_for_twice_the_heartbeat_is_replaced_and_resumes_from_the_last_opaque_seq() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> {
            if (n == 1) {
                StubCouch.stream(exchange, "", "{\"seq\":\"1-g1AAAA\",\"id\":\"a\",\"changes\":[{\"rev\":\"1-x\"}]}");
            } else {
                StubCouch.stream(exchange, "{\"seq\":\"2-g1BBBB\",\"id\":\"b\",\"changes\":[{\"rev\":\"1-y\"}]}", "");
            }
            self.holdUntilClosed();
        }); CouchClient client = CouchClient.create(CouchConfig.of(stub.url()))) {
            List<String> received = new CopyOnWriteArrayList<>();
            ChangesQuery query = ChangesQuery.fromBeginning().withHeartbeat(Duration.ofMillis(100));

            try (ChangesFeed feed = client.database("tasks").follow(query, change -> received.add(change.id()))) {
                await().atMost(WAIT).until(() -> received.size() == 2);

                assertThat(received).containsExactly("a", "b");
                assertThat(feed.reconnects()).isGreaterThanOrEqualTo(1);
                assertThat(feed.lastSeq()).map(Seq::parameter).contains("2-g1BBBB");
            }
            assertThat(stub.requests().get(0).uri().getRawQuery())
                    .isEqualTo("feed=continuous&heartbeat=100");
            assertThat(stub.requests().get(1).uri().getRawQuery())
                    .isEqualTo("feed=continuous&since=1-g1AAAA&heartbeat=100");
        }
    }

    @Test
    void a_feed_that_cannot_connect_keeps_trying_until_closed() {
        int deadPort = LocalTestCouch.freePort();
        try (CouchClient client = CouchClient.create(CouchConfig.of("http://127.0.0.1:" + deadPort))) {
            ChangesFeed feed = client.database("tasks").follow(ChangesQuery.fromBeginning(), change -> { });

            await().atMost(WAIT).until(() -> feed.reconnects() >= 2);
            assertThat(feed.isRunning()).isTrue();

            feed.close();
            assertThat(feed.isRunning()).isFalse();
        }
    }

    @Test
    void closing_the_client_stops_its_feeds() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> {
            StubCouch.stream(exchange, "");
            self.holdUntilClosed();
        })) {
            CouchClient client = CouchClient.create(CouchConfig.of(stub.url()));
            ChangesFeed feed = client.database("tasks").follow(ChangesQuery.fromBeginning(), change -> { });
            await().atMost(WAIT).until(() -> stub.requests().size() == 1);

            client.close();

            assertThat(feed.isRunning()).isFalse();
        }
    }
}
