package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change whose line in the continuous feed is very long (a record or a task's result of 10 MB, with
 * {@code include_docs}) is read in time linear in its size, and the feed goes on past it; one over the reader's limit
 * is skipped and the feed goes on too.
 */
@ExtendWith(CouchServerExtension.class)
class LargeFeedLineTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ChangesQuery QUERY = ChangesQuery.fromBeginning().withIncludeDocs(true)
            .withHeartbeat(Duration.ofSeconds(1));

    @Test
    void a_ten_megabyte_document_in_the_feed_is_read_and_the_next_change_follows(TestCouch couch) {
        CouchDatabase database = couch.newDatabase();
        database.put(Docs.doc("rHuge").put("type", "record").put("description", "d".repeat(10_000_000)));
        database.put(Docs.doc("small").put("type", "task"));
        List<Change> received = new CopyOnWriteArrayList<>();

        try (ChangesFeed feed = database.follow(QUERY, received::add)) {
            await().atMost(WAIT).until(() -> received.size() == 2);

            assertThat(feed.reconnects()).isZero();
        }
        assertThat(received).extracting(Change::id).containsExactly("rHuge", "small");
        assertThat(received.get(0).doc().string("description").orElse("")).hasSize(10_000_000);
    }

    @Test
    void a_change_over_the_line_limit_is_skipped_and_the_next_change_follows(TestCouch couch) {
        CouchDatabase database = couch.newDatabase();
        database.put(Docs.doc("rBig").put("type", "record").put("description", "d".repeat(300_000)));
        database.put(Docs.doc("small").put("type", "task"));
        List<Change> received = new CopyOnWriteArrayList<>();

        try (ChangesFeed feed = database.follow(QUERY, 100_000, received::add)) {
            await().atMost(WAIT).until(() -> received.size() == 1);

            assertThat(feed.reconnects()).isZero();
        }
        assertThat(received).extracting(Change::id).containsExactly("small");
    }
}
