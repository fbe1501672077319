package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a feed says of itself, for serve's health and metrics: connected, and how far behind its consumer is. */
class FeedStateTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void a_feed_waiting_for_news_is_connected_and_not_behind() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> {
            StubCouch.stream(exchange, "{\"seq\":\"1-a\",\"id\":\"a\",\"changes\":[{\"rev\":\"1-x\"}]}", "");
            self.holdUntilClosed();
        }); CouchClient client = CouchClient.create(CouchConfig.of(stub.url()))) {
            List<String> received = new CopyOnWriteArrayList<>();
            try (ChangesFeed feed = client.database("tasks").follow(ChangesQuery.fromBeginning(),
                    change -> received.add(change.id()))) {
                await().atMost(WAIT).until(() -> received.size() == 1 && feed.behind().isZero());

                assertThat(feed.connected()).isTrue();
            }
        }
    }

    @Test
    void a_feed_whose_consumer_is_busy_falls_behind_until_it_is_done() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (StubCouch stub = new StubCouch((exchange, n, self) -> {
            StubCouch.stream(exchange, "{\"seq\":\"1-a\",\"id\":\"a\",\"changes\":[{\"rev\":\"1-x\"}]}");
            self.holdUntilClosed();
        }); CouchClient client = CouchClient.create(CouchConfig.of(stub.url()))) {
            try (ChangesFeed feed = client.database("tasks").follow(ChangesQuery.fromBeginning(), change -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })) {
                await().atMost(WAIT).until(() -> feed.connected() && feed.behind().toMillis() > 200);

                release.countDown();

                await().atMost(WAIT).until(() -> feed.behind().isZero());
            }
        }
    }

    @Test
    void a_feed_that_cannot_connect_is_not_connected_and_falls_behind() {
        int deadPort = LocalTestCouch.freePort();
        try (CouchClient client = CouchClient.create(CouchConfig.of("http://127.0.0.1:" + deadPort))) {
            try (ChangesFeed feed = client.database("tasks").follow(ChangesQuery.fromBeginning(), change -> { })) {
                await().atMost(WAIT).until(() -> feed.reconnects() >= 1 && feed.behind().toMillis() > 200);

                assertThat(feed.connected()).isFalse();
            }
        }
    }
}
