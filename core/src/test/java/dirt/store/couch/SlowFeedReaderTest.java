package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.ChangeToken;
import dirt.store.Feed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The changes feed reads only a window of lines ahead of its listener: a listener that stalls (serve's dispatcher
 * behind 100,000 arriving tasks) leaves the rest in the connection, and gets every change once it goes on.
 */
@ExtendWith(CouchServerExtension.class)
class SlowFeedReaderTest {
    @Test
    void a_listener_that_stalls_gets_every_change_once_it_goes_on(TestCouch couch) throws Exception {
        CouchStore store = new CouchStore(couch.newDatabase());
        ChangeToken since = store.now();
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            docs.add(JsonNodeFactory.instance.objectNode().put("_id", String.format("d%05d", i)));
        }
        store.putAll(JacksonBridge.objects(docs));
        CountDownLatch goOn = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();

        try (Feed feed = store.follow(since, change -> {
            if (seen.isEmpty()) {
                waitFor(goOn);
            }
            seen.add(change.id());
        })) {
            // A stall, not a wait for an event: the listener holds the feed for half a second while the server
            // sends the rest; the test holds whatever the timing (a shorter stall only exercises less).
            Thread.sleep(500);
            goOn.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 2_500);
        }

        assertThat(seen).hasSize(2_500).doesNotHaveDuplicates();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
