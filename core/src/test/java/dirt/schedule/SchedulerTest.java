package dirt.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentWriter;
import dirt.store.Store;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler against the real CouchDB-compatible server, in time the test controls. */
@ExtendWith(CouchServerExtension.class)
class SchedulerTest {
    private CouchDatabase db;
    private Store store;
    private final TestClock clock = new TestClock("2024-05-02T01:59:00Z");
    private Scheduler scheduler;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void database(TestCouch couch) {
        db = couch.database();
        store = TestCouch.store(db);
        scheduler = new Scheduler(store, clock, ZoneOffset.UTC);
    }

    @AfterEach
    void stop_threads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private ObjectNode schedule(String name) {
        return db.get("schedule:" + name).orElseThrow();
    }

    private List<ObjectNode> records() {
        return JacksonBridge.trees(store.withIdPrefix("").stream()
                .filter(doc -> doc.string("type").filter("record"::equals).isPresent()).toList());
    }

    private List<ObjectNode> tasksOf(String recordId) {
        return JacksonBridge.trees(store.withIdPrefix(recordId + "-"));
    }

    /** Does what serve does when a task ends. */
    private void complete(String taskId, boolean success, String isoInstant) {
        ObjectNode task = db.get(taskId).orElseThrow();
        task.put("node", "build7").set("started", JacksonBridge.tree(DocumentWriter.epochSeconds(Instant.parse(isoInstant))));
        task.set("completed", JacksonBridge.tree(DocumentWriter.epochSeconds(Instant.parse(isoInstant))));
        task.putObject("results").put("success", success);
        db.put(task);
    }

    @Test
    void a_due_crontime_schedule_creates_its_record_and_tasks_once() {
        db.put(ScheduleJson.cron("nightly", "0 2 * * *").task("build", "make").json());
        scheduler.tick();
        assertThat(schedule("nightly").path("next_run").asLong()).isEqualTo(Instant.parse("2024-05-02T02:00:00Z")
                .getEpochSecond());
        assertThat(records()).isEmpty();

        clock.set("2024-05-02T02:00:00.400Z");
        scheduler.tick();
        scheduler.tick();

        assertThat(records()).extracting(doc -> doc.path("_id").asText()).containsExactly("nightly-20240502T020000Z");
        assertThat(tasksOf("nightly-20240502T020000Z")).extracting(doc -> doc.path("name").asText())
                .containsExactly("examples.simple", "build");
        ObjectNode doc = schedule("nightly");
        assertThat(doc.path("last_record").asText()).isEqualTo("nightly-20240502T020000Z");
        assertThat(doc.path("last_status").asText()).isEqualTo("waiting");
        assertThat(doc.path("next_run").asLong()).isEqualTo(Instant.parse("2024-05-03T02:00:00Z").getEpochSecond());
    }

    @Test
    void two_schedulers_racing_on_one_database_fire_a_run_once() throws Exception {
        TestClock secondClock = new TestClock("2024-05-02T01:59:01Z");
        Scheduler second = new Scheduler(TestCouch.store(db), secondClock, ZoneOffset.UTC);
        db.put(ScheduleJson.every("check", 3600).json());

        for (int round = 0; round < 5; round++) {
            var barrier = new CyclicBarrier(2);
            List<Future<?>> ticks = new ArrayList<>();
            for (Scheduler each : List.of(scheduler, second)) {
                ticks.add(threads.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    each.tick();
                    return null;
                }));
            }
            for (Future<?> tick : ticks) {
                tick.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(records()).as("the two servers' clocks differ by a second: a double firing would make two"
                + " records").hasSize(1);
        assertThat(tasksOf(records().get(0).path("_id").asText())).hasSize(1);
    }

    @Test
    void the_schedule_document_follows_the_status_of_its_last_run() {
        db.put(ScheduleJson.cron("nightly", "0 2 * * *").task("build", "make").at("next_run", "2024-05-02T02:00:00Z")
                .json());
        clock.set("2024-05-02T02:00:01Z");
        scheduler.tick();

        complete("nightly-20240502T020000Z-1", true, "2024-05-02T02:05:00Z");
        scheduler.tick();
        assertThat(schedule("nightly").path("last_status").asText()).isEqualTo("running");
        complete("nightly-20240502T020000Z-2", false, "2024-05-02T02:09:00Z");
        scheduler.tick();

        ObjectNode doc = schedule("nightly");
        assertThat(doc.path("last_status").asText()).isEqualTo("failed");
        assertThat(doc.path("last_ended").asLong()).isEqualTo(Instant.parse("2024-05-02T02:09:00Z").getEpochSecond());
    }

    @Test
    void a_frequency_schedule_fires_again_that_long_after_its_previous_run_ended() {
        clock.set("2024-05-02T10:00:00Z");
        db.put(ScheduleJson.every("check", 60).json());
        scheduler.tick();
        complete("check-20240502T100000Z-1", true, "2024-05-02T10:00:05Z");
        clock.set("2024-05-02T10:00:06Z");
        scheduler.tick();
        assertThat(schedule("check").path("next_run").asLong())
                .isEqualTo(Instant.parse("2024-05-02T10:01:05Z").getEpochSecond());

        clock.set("2024-05-02T10:01:04Z");
        scheduler.tick();
        assertThat(records()).hasSize(1);
        clock.set("2024-05-02T10:01:05.500Z");
        scheduler.tick();

        assertThat(records()).extracting(doc -> doc.path("_id").asText())
                .containsExactly("check-20240502T100000Z", "check-20240502T100105Z");
    }

    @Test
    void a_run_due_while_the_previous_one_is_unfinished_is_skipped_and_the_document_says_why() {
        db.put(ScheduleJson.cron("often", "*/5 * * * *").at("next_run", "2024-05-02T02:00:00Z").json());
        clock.set("2024-05-02T02:00:01Z");
        scheduler.tick();

        clock.set("2024-05-02T02:05:01Z");
        scheduler.tick();

        assertThat(records()).hasSize(1);
        ObjectNode skipped = (ObjectNode) schedule("often").path("last_skipped");
        assertThat(skipped.path("reason").asText())
                .isEqualTo("the previous run often-20240502T020000Z is still going (overlap = \"skip\")");
        assertThat(schedule("often").path("next_run").asLong())
                .isEqualTo(Instant.parse("2024-05-02T02:10:00Z").getEpochSecond());
    }

    @Test
    void a_run_whose_documents_were_lost_after_the_firing_was_claimed_is_written_again() {
        db.put(ScheduleJson.cron("nightly", "0 2 * * *").at("next_run", "2024-05-03T02:00:00Z")
                .at("last_run", "2024-05-02T02:00:00Z").at("last_fired", "2024-05-02T02:00:01Z")
                .with("last_record", "nightly-20240502T020000Z").with("last_status", "waiting").json());
        clock.set("2024-05-02T02:00:30Z");

        scheduler.tick();

        assertThat(records()).extracting(doc -> doc.path("_id").asText()).containsExactly("nightly-20240502T020000Z");
        assertThat(tasksOf("nightly-20240502T020000Z")).hasSize(1);
    }

    @Test
    void an_invalid_schedule_is_left_alone_and_the_others_still_fire() {
        db.put(ScheduleJson.cron("broken", "0 25 * * *").json());
        db.put(ScheduleJson.every("check", 60).json());

        scheduler.tick();

        assertThat(records()).extracting(doc -> doc.path("schedule").asText()).containsExactly("check");
        assertThat(schedule("broken").has("next_run")).isFalse();
    }

    @Test
    void the_running_scheduler_ticks_by_itself_until_closed() throws Exception {
        db.put(ScheduleJson.every("check", 60).json());

        scheduler.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> records().size() == 1);
        scheduler.close();

        assertThat(schedule("check").path("last_status").asText()).isEqualTo("waiting");
    }
}
