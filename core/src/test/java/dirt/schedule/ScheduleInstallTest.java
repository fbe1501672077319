package dirt.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schedules of settings.toml, written into the database by serve. */
@ExtendWith(CouchServerExtension.class)
class ScheduleInstallTest {
    private CouchDatabase db;
    private Scheduler scheduler;

    @BeforeEach
    void database(TestCouch couch) {
        db = couch.database();
        scheduler = new Scheduler(TestCouch.store(db), new TestClock("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    }

    private ObjectNode doc(String name) {
        return db.get("schedule:" + name).orElseThrow();
    }

    @Test
    void settings_schedules_become_documents_marked_as_coming_from_the_settings() {
        scheduler.install(List.of(ScheduleJson.cron("nightly", "0 2 * * *").schedule()));

        ObjectNode doc = doc("nightly");
        assertThat(doc.path("source").asText()).isEqualTo("settings");
        assertThat(doc.path("crontime").asText()).isEqualTo("0 2 * * *");
        assertThat(Schedule.validate(JacksonBridge.object(doc))).isEmpty();
    }

    @Test
    void installing_again_keeps_what_serve_wrote_and_changes_only_the_definition() {
        scheduler.install(List.of(ScheduleJson.cron("nightly", "0 2 * * *").schedule()));
        scheduler.tick();
        String rev = doc("nightly").path("_rev").asText();

        scheduler.install(List.of(ScheduleJson.cron("nightly", "0 2 * * *").schedule()));
        assertThat(doc("nightly").path("_rev").asText()).as("unchanged: not written").isEqualTo(rev);
        scheduler.install(List.of(ScheduleJson.cron("nightly", "0 2 * * *").with("overlap", "queue").schedule()));

        assertThat(doc("nightly").path("overlap").asText()).isEqualTo("queue");
        assertThat(doc("nightly").has("next_run")).isTrue();
    }

    @Test
    void a_changed_crontime_drops_the_next_run_so_that_it_is_computed_again() {
        scheduler.install(List.of(ScheduleJson.cron("nightly", "0 2 * * *").schedule()));
        scheduler.tick();

        scheduler.install(List.of(ScheduleJson.cron("nightly", "0 3 * * *").schedule()));
        assertThat(doc("nightly").has("next_run")).isFalse();
        scheduler.tick();

        assertThat(doc("nightly").path("next_run").asLong()).isEqualTo(java.time.Instant.parse("2024-05-02T03:00:00Z")
                .getEpochSecond());
    }

    @Test
    void a_schedule_gone_from_the_settings_is_deleted_and_one_posted_by_a_user_is_kept() {
        db.put(ScheduleJson.every("posted", 60).json());
        scheduler.install(List.of(ScheduleJson.cron("nightly", "0 2 * * *").schedule()));

        scheduler.install(List.of());

        assertThat(db.get("schedule:nightly")).isEmpty();
        assertThat(db.get("schedule:posted")).isPresent();
    }
}
