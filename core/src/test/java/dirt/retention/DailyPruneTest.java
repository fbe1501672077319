package dirt.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.store.Store;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Serve's daily prune against the real CouchDB-compatible server, with a clock the test sets. */
@ExtendWith(CouchServerExtension.class)
class DailyPruneTest {
    private static final Instant NOW = Instant.parse("2026-06-01T03:00:00Z");

    private CouchDatabase db;
    private Store store;
    private List<String> before;

    @BeforeEach
    void old_and_new_records(TestCouch couch) {
        db = couch.database();
        store = TestCouch.store(db);
        RetentionFixture.fill(db, NOW);
        before = RetentionFixture.ids(db);
    }

    private DailyPrune server(String name, Clock clock) {
        return new DailyPrune(store, new Pruner(store, RetentionFixture.SETTINGS, clock), clock, name);
    }

    @Test
    void the_daily_prune_deletes_and_keeps_by_the_same_rules_as_dirt_prune() {
        Optional<PruneReport> report = server("a", Clock.fixed(NOW, ZoneOffset.UTC)).tick();

        assertThat(report).isPresent();
        RetentionFixture.assertPruned(db, before);
        assertThat(report.get().done().delete()).extracting(RecordSummary::id)
                .containsExactlyElementsOf(RetentionFixture.DELETED);
        assertThat(report.get().plan().kept(Kept.SCHEDULE_LAST)).isEqualTo(1);
        assertThat(report.get().plan().kept(Kept.UNFINISHED)).isEqualTo(1);
        assertThat(report.get().plan().kept(Kept.LAST_RUNS)).isEqualTo(3);
        assertThat(report.get().plan().kept(Kept.FAILED)).isEqualTo(1);
        var marker = db.get(DailyPrune.ID).orElseThrow();
        assertThat(marker.path("server").asText()).isEqualTo("a");
        assertThat(marker.path("started").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(marker.path("report").path("deleted").path("records").asInt()).isEqualTo(4);
        assertThat(marker.path("report").path("deleted").path("tasks").asInt()).isEqualTo(6);
    }

    @Test
    void of_two_servers_on_one_database_one_prunes_once_a_day() {
        DailyPrune a = server("a", Clock.fixed(NOW, ZoneOffset.UTC));
        DailyPrune b = server("b", Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

        assertThat(a.tick()).isPresent();
        assertThat(b.tick()).as("a pruned a minute ago").isEmpty();
        assertThat(a.tick()).as("a pruned today").isEmpty();
        assertThat(db.get(DailyPrune.ID).orElseThrow().path("server").asText()).isEqualTo("a");
    }

    @Test
    void a_day_later_the_next_prune_applies_the_rules_again_in_the_new_time() {
        assertThat(server("a", Clock.fixed(NOW, ZoneOffset.UTC)).tick()).isPresent();
        Instant later = NOW.plus(Duration.ofDays(11));

        Optional<PruneReport> next = server("b", Clock.fixed(later, ZoneOffset.UTC)).tick();

        assertThat(next).isPresent();
        assertThat(next.get().done().delete()).extracting(RecordSummary::id)
                .as("old-failed is now 111 days old, but still under keep_failed; mid-passed is 51 days old")
                .isEmpty();
        assertThat(next.get().done().dropFiles()).extracting(RunSummary::id)
                .as("old-failed keeps its files: it failed").isEmpty();
        assertThat(db.get(DailyPrune.ID).orElseThrow().path("server").asText()).isEqualTo("b");

        Optional<PruneReport> muchLater = server("a", Clock.fixed(NOW.plus(Duration.ofDays(81)), ZoneOffset.UTC))
                .tick();

        assertThat(muchLater.orElseThrow().done().delete()).extracting(RecordSummary::id)
                .as("181 days after it ran, old-failed goes; mid-passed is 121 days old").containsExactly("mid-passed",
                        "old-failed");
    }
}
