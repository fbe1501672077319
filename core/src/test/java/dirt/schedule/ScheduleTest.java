package dirt.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.InvalidDocumentException;
import dirt.document.Problem;
import dirt.json.JsonObject;
import dirt.store.couch.JacksonBridge;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Schedule documents: what they hold, and every problem at once when they are wrong. */
class ScheduleTest {
    private static ObjectNode parse(String json) throws Exception {
        return (ObjectNode) ScheduleJson.JSON.readTree(json);
    }

    @Test
    void a_crontime_schedule_document_reads_with_its_defaults() throws Exception {
        Schedule schedule = Schedule.fromJson(JacksonBridge.object(parse("""
                {"_id": "schedule:nightly", "type": "schedule", "name": "nightly", "crontime": "0 2 * * *",
                 "timezone": "Europe/Zurich", "record": {"description": "nightly build", "branch": "main"},
                 "tasks": [{"name": "build", "command": "make", "requires": ["architecture is x86_64"]}]}""")));

        assertThat(schedule.id()).isEqualTo("schedule:nightly");
        assertThat(schedule.trigger()).isEqualTo(new Trigger.Crontime(Cron.parse("0 2 * * *"),
                Optional.of(ZoneId.of("Europe/Zurich"))));
        assertThat(schedule.trigger().describe()).isEqualTo("0 2 * * * Europe/Zurich");
        assertThat(schedule.enabled()).isTrue();
        assertThat(schedule.overlap()).isEqualTo(Overlap.SKIP);
        assertThat(schedule.missed()).isEqualTo(Missed.ONCE);
        assertThat(schedule.record().string("branch").orElseThrow()).isEqualTo("main");
        assertThat(schedule.tasks()).hasSize(1);
        assertThat(schedule.state()).isEqualTo(ScheduleState.NEW);
    }

    @Test
    void a_frequency_schedule_reads_its_seconds_and_state() throws Exception {
        Schedule schedule = Schedule.fromJson(JacksonBridge.object(parse("""
                {"_id": "schedule:check", "type": "schedule", "name": "check", "frequency": 120,
                 "overlap": "queue", "missed": "skip", "enabled": false, "tasks": [{"name": "ping"}],
                 "next_run": 1714557600, "last_record": "check-20240501T100000Z", "last_status": "passed",
                 "last_skipped": {"run": 1714557000, "reason": "missed"}}""")));

        assertThat(schedule.trigger()).isEqualTo(new Trigger.Frequency(Duration.ofSeconds(120)));
        assertThat(schedule.trigger().describe()).isEqualTo("every 2 min");
        assertThat(schedule.overlap()).isEqualTo(Overlap.QUEUE);
        assertThat(schedule.missed()).isEqualTo(Missed.SKIP);
        assertThat(schedule.enabled()).isFalse();
        assertThat(schedule.state().nextRun()).contains(Instant.ofEpochSecond(1714557600));
        assertThat(schedule.state().lastRecord()).contains("check-20240501T100000Z");
        assertThat(schedule.state().lastSkipped())
                .contains(new ScheduleState.Skipped(Instant.ofEpochSecond(1714557000), "missed"));
    }

    @Test
    void a_wrong_schedule_document_lists_every_problem_at_once() throws Exception {
        var problems = Schedule.validate(JacksonBridge.object(parse("""
                {"_id": "schedule:other", "type": "schedule", "name": "nightly", "crontime": "0 25 * * *",
                 "timezone": "Mars/Olympus", "overlap": "sometimes", "missed": 3,
                 "record": {"_id": "r1"},
                 "tasks": [{"command": "make"}, {"name": "x", "record_id": "r9", "requires": ["arch equals x86"]}]}""")));

        assertThat(problems).extracting(Problem::field).containsExactly("_id", "crontime", "timezone", "overlap",
                "missed", "record._id", "tasks[0].name", "tasks[1].record_id", "tasks[1].requires[0]");
        assertThat(problems.get(0).message()).isEqualTo("must be \"schedule:nightly\" for the schedule named"
                + " \"nightly\", got \"schedule:other\"");
        assertThat(problems.get(3).message()).isEqualTo("must be one of \"skip\", \"queue\", \"allow\", got"
                + " \"sometimes\"");
        assertThat(problems.get(6).message()).startsWith("is missing — set it to the task to run");
    }

    @Test
    void a_schedule_needs_a_time_and_tasks() throws Exception {
        var problems = Schedule.validate(JacksonBridge.object(parse("{\"_id\": \"schedule:x\", \"type\": \"schedule\", \"name\": \"x\"}")));

        assertThat(problems).extracting(Problem::describe).containsExactly(
                "crontime is missing — set crontime to a cron expression such as " + Cron.EXAMPLES + ", or frequency"
                        + " to the seconds between the end of one run and the start of the next",
                "tasks is missing — list the tasks each run creates, e.g. [{\"name\": \"examples.simple\"}]");
    }

    @Test
    void crontime_and_frequency_together_are_refused() {
        ObjectNode both = ScheduleJson.cron("x", "* * * * *").json().put("frequency", 5);

        assertThatThrownBy(() -> Schedule.fromJson(JacksonBridge.object(both))).isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("frequency is set as well as crontime — keep one of them");
    }

    @Test
    void writing_back_keeps_fields_dirt_does_not_know_and_sets_the_state() {
        ObjectNode doc = ScheduleJson.cron("nightly", "0 2 * * *").json().put("owner", "ci-team");
        Schedule schedule = Schedule.fromJson(JacksonBridge.object(doc));

        JsonObject written = schedule.withState(ScheduleState.NEW.withNextRun(Optional.of(
                Instant.parse("2024-05-02T02:00:00Z")))).json();

        assertThat(written.string("owner")).contains("ci-team");
        assertThat(written.number("next_run").orElseThrow().longValue()).isEqualTo(Instant.parse("2024-05-02T02:00:00Z").getEpochSecond());
        Schedule reread = Schedule.fromJson(written);
        assertThat(reread.trigger()).isEqualTo(schedule.trigger());
        assertThat(reread.tasks()).isEqualTo(schedule.tasks());
        assertThat(reread.record()).isEqualTo(schedule.record());
    }

    @Test
    void a_run_creates_a_record_and_tasks_named_by_the_schedule_and_the_time_it_was_due() {
        Schedule schedule = ScheduleJson.cron("nightly", "0 2 * * *").task("build", "make").schedule();

        var docs = RunDocuments.of(schedule, Instant.parse("2024-05-02T02:00:00Z"),
                Instant.parse("2024-05-02T02:00:01Z"));

        assertThat(docs).extracting(doc -> doc.id().orElseThrow()).containsExactly("nightly-20240502T020000Z",
                "nightly-20240502T020000Z-1", "nightly-20240502T020000Z-2");
        assertThat(docs.get(0).string("type").orElseThrow()).isEqualTo("record");
        assertThat(docs.get(0).string("description").orElseThrow()).isEqualTo("nightly build");
        assertThat(docs.get(0).string("schedule").orElseThrow()).isEqualTo("nightly");
        assertThat(docs.get(2).string("record_id").orElseThrow()).isEqualTo("nightly-20240502T020000Z");
        assertThat(docs.get(2).string("command").orElseThrow()).isEqualTo("make");
        assertThat(docs.get(2).number("created").orElseThrow().longValue()).isEqualTo(Instant.parse("2024-05-02T02:00:01Z")
                .getEpochSecond());
        assertThatCode(() -> dirt.task.Task.fromJson(docs.get(2))).doesNotThrowAnyException();
    }
}
