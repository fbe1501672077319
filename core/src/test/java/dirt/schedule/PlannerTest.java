package dirt.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scheduling rules, in time the test sets: no clock, no store. */
class PlannerTest {
    private final Planner planner = new Planner(ZoneOffset.UTC);

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    private static LastRun unfinished(String record) {
        return new LastRun(Optional.of(record), false, Optional.empty(), Optional.of("running"));
    }

    private static LastRun ended(String record, String iso) {
        return new LastRun(Optional.of(record), true, Optional.of(at(iso)), Optional.of("passed"));
    }

    private static Schedule nightly(ScheduleJson json) {
        return json.at("next_run", "2024-05-02T02:00:00Z").schedule();
    }

    // ---- crontime

    @Test
    void a_new_crontime_schedule_sets_its_next_run_and_does_not_fire_at_once() {
        Schedule schedule = ScheduleJson.cron("nightly", "0 2 * * *").schedule();

        Decision decision = planner.decide(schedule, LastRun.NONE, at("2024-05-01T10:15:30Z"));

        assertThat(decision).isEqualTo(new Decision.Reschedule(Optional.of(at("2024-05-02T02:00:00Z")), false));
    }

    @Test
    void nothing_happens_before_the_next_run() {
        Schedule schedule = nightly(ScheduleJson.cron("nightly", "0 2 * * *"));

        assertThat(planner.decide(schedule, LastRun.NONE, at("2024-05-02T01:59:59Z"))).isEqualTo(Decision.NOTHING);
    }

    @Test
    void a_due_crontime_schedule_fires_for_its_due_time_and_moves_to_the_next_one() {
        Schedule schedule = nightly(ScheduleJson.cron("nightly", "0 2 * * *"));

        Decision decision = planner.decide(schedule, ended("nightly-20240501T020000Z", "2024-05-01T02:10:00Z"),
                at("2024-05-02T02:00:01Z"));

        assertThat(decision).isEqualTo(new Decision.Fire(at("2024-05-02T02:00:00Z"),
                Optional.of(at("2024-05-03T02:00:00Z")), false));
    }

    @Test
    void crontime_is_read_in_the_schedules_timezone_or_else_the_servers() {
        Schedule zurich = ScheduleJson.cron("nightly", "0 2 * * *").with("timezone", "Europe/Zurich").schedule();
        Schedule server = ScheduleJson.cron("nightly", "0 2 * * *").schedule();
        Instant now = at("2024-05-01T10:00:00Z");

        assertThat(planner.decide(zurich, LastRun.NONE, now))
                .isEqualTo(new Decision.Reschedule(Optional.of(at("2024-05-02T00:00:00Z")), false));
        assertThat(new Planner(ZoneId.of("America/New_York")).decide(server, LastRun.NONE, now))
                .isEqualTo(new Decision.Reschedule(Optional.of(at("2024-05-02T06:00:00Z")), false));
    }

    @Test
    void a_next_run_the_crontime_does_not_fire_at_is_computed_again_after_the_expression_changed() {
        Schedule changed = ScheduleJson.cron("nightly", "30 3 * * *").at("next_run", "2024-05-02T02:00:00Z")
                .schedule();

        assertThat(planner.decide(changed, LastRun.NONE, at("2024-05-01T12:00:00Z")))
                .isEqualTo(new Decision.Reschedule(Optional.of(at("2024-05-02T03:30:00Z")), false));
    }

    @Test
    void by_default_a_run_due_while_the_previous_one_is_unfinished_is_skipped_saying_why() {
        Schedule schedule = nightly(ScheduleJson.cron("nightly", "0 2 * * *"));

        Decision decision = planner.decide(schedule, unfinished("nightly-20240501T020000Z"),
                at("2024-05-02T02:00:01Z"));

        assertThat(decision).isEqualTo(new Decision.Skip(at("2024-05-02T02:00:00Z"),
                "the previous run nightly-20240501T020000Z is still going (overlap = \"skip\")",
                Optional.of(at("2024-05-03T02:00:00Z"))));
    }

    @Test
    void overlap_queue_queues_one_run_and_fires_it_once_the_previous_one_has_finished() {
        Schedule schedule = nightly(ScheduleJson.cron("nightly", "0 2 * * *").with("overlap", "queue"));
        Instant now = at("2024-05-02T02:00:01Z");

        Decision queued = planner.decide(schedule, unfinished("nightly-20240501T020000Z"), now);
        ScheduleState state = queued.applyTo(schedule.state(), now, run -> "unused");
        Decision fired = planner.decide(schedule.withState(state),
                ended("nightly-20240501T020000Z", "2024-05-02T05:00:00Z"), at("2024-05-02T05:00:01Z"));

        assertThat(queued).isEqualTo(new Decision.Queue(at("2024-05-02T02:00:00Z"),
                Optional.of(at("2024-05-03T02:00:00Z"))));
        assertThat(fired).isEqualTo(new Decision.Fire(at("2024-05-02T02:00:00Z"),
                Optional.of(at("2024-05-03T02:00:00Z")), true));
        assertThat(fired.applyTo(state, at("2024-05-02T05:00:01Z"), run -> "r").queued()).isEmpty();
    }

    @Test
    void overlap_queue_queues_at_most_one_run() {
        Schedule schedule = ScheduleJson.cron("nightly", "0 2 * * *").with("overlap", "queue")
                .at("next_run", "2024-05-03T02:00:00Z").at("queued", "2024-05-02T02:00:00Z").schedule();

        Decision decision = planner.decide(schedule, unfinished("nightly-20240501T020000Z"),
                at("2024-05-03T02:00:01Z"));

        assertThat(decision).isInstanceOf(Decision.Skip.class);
        assertThat(((Decision.Skip) decision).reason()).contains("already queued");
    }

    @Test
    void overlap_allow_starts_a_run_while_the_previous_one_is_unfinished() {
        Schedule schedule = nightly(ScheduleJson.cron("nightly", "0 2 * * *").with("overlap", "allow"));

        assertThat(planner.decide(schedule, unfinished("nightly-20240501T020000Z"), at("2024-05-02T02:00:01Z")))
                .isInstanceOf(Decision.Fire.class);
    }

    @Test
    void runs_missed_while_no_server_ran_fire_once_for_the_latest_missed_time() {
        Schedule schedule = ScheduleJson.cron("hourly", "0 * * * *").at("next_run", "2024-05-01T02:00:00Z")
                .schedule();

        Decision decision = planner.decide(schedule, LastRun.NONE, at("2024-05-01T09:30:00Z"));

        assertThat(decision).isEqualTo(new Decision.Fire(at("2024-05-01T09:00:00Z"),
                Optional.of(at("2024-05-01T10:00:00Z")), false));
    }

    @Test
    void missed_skip_fires_none_of_the_missed_runs_and_waits_for_the_next_time() {
        Schedule schedule = nightly(ScheduleJson.cron("nightly", "0 2 * * *").with("missed", "skip"));

        Decision decision = planner.decide(schedule, LastRun.NONE, at("2024-05-02T09:00:00Z"));

        assertThat(decision).isEqualTo(new Decision.Skip(at("2024-05-02T02:00:00Z"),
                "missed: no server was running at 2024-05-02T02:00:00Z (missed = \"skip\")",
                Optional.of(at("2024-05-03T02:00:00Z"))));
    }

    @Test
    void a_run_less_than_a_minute_late_is_not_missed() {
        Schedule schedule = nightly(ScheduleJson.cron("nightly", "0 2 * * *").with("missed", "skip"));

        assertThat(planner.decide(schedule, LastRun.NONE, at("2024-05-02T02:00:59Z")))
                .isInstanceOf(Decision.Fire.class);
    }

    // ---- frequency

    @Test
    void a_new_frequency_schedule_fires_at_once() {
        Schedule schedule = ScheduleJson.every("check", 60).schedule();

        Decision decision = planner.decide(schedule, LastRun.NONE, at("2024-05-01T10:00:00Z"));

        assertThat(decision).isEqualTo(new Decision.Fire(at("2024-05-01T10:00:00Z"), Optional.empty(), false));
    }

    @Test
    void a_frequency_schedule_waits_while_its_run_is_unfinished_however_long_it_takes() {
        Schedule schedule = ScheduleJson.every("check", 60).schedule();

        assertThat(planner.decide(schedule, unfinished("check-20240501T100000Z"), at("2024-05-01T12:00:00Z")))
                .isEqualTo(Decision.NOTHING);
    }

    @Test
    void the_next_frequency_run_is_due_that_long_after_the_previous_run_ended() {
        Schedule schedule = ScheduleJson.every("check", 60).at("last_fired", "2024-05-01T10:00:00Z").schedule();

        Decision decision = planner.decide(schedule, ended("check-20240501T100000Z", "2024-05-01T10:07:30Z"),
                at("2024-05-01T10:07:31Z"));

        assertThat(decision).isEqualTo(new Decision.Reschedule(Optional.of(at("2024-05-01T10:08:30Z")), false));
    }

    @Test
    void a_frequency_run_fires_when_due_for_its_due_time() {
        Schedule schedule = ScheduleJson.every("check", 60).at("next_run", "2024-05-01T10:08:30Z").schedule();
        LastRun last = ended("check-20240501T100000Z", "2024-05-01T10:07:30Z");

        assertThat(planner.decide(schedule, last, at("2024-05-01T10:08:29Z"))).isEqualTo(Decision.NOTHING);
        assertThat(planner.decide(schedule, last, at("2024-05-01T10:08:31Z")))
                .isEqualTo(new Decision.Fire(at("2024-05-01T10:08:30Z"), Optional.empty(), false));
    }

    @Test
    void a_missed_frequency_run_fires_once_now_or_with_missed_skip_one_frequency_later() {
        LastRun last = ended("check-20240501T100000Z", "2024-05-01T10:07:30Z");
        Instant now = at("2024-05-01T15:00:00Z");
        Schedule once = ScheduleJson.every("check", 60).at("next_run", "2024-05-01T10:08:30Z").schedule();
        Schedule skip = ScheduleJson.every("check", 60).with("missed", "skip").at("next_run", "2024-05-01T10:08:30Z")
                .schedule();

        assertThat(planner.decide(once, last, now)).isEqualTo(new Decision.Fire(now, Optional.empty(), false));
        assertThat(planner.decide(skip, last, now)).isEqualTo(new Decision.Skip(at("2024-05-01T10:08:30Z"),
                "missed: no server was running at 2024-05-01T10:08:30Z (missed = \"skip\")",
                Optional.of(at("2024-05-01T15:01:00Z"))));
    }

    // ---- enabled

    @Test
    void a_disabled_schedule_drops_its_next_run_and_queued_run_and_then_does_nothing() {
        Schedule schedule = nightly(ScheduleJson.cron("nightly", "0 2 * * *").with("enabled", false)
                .at("queued", "2024-05-01T02:00:00Z"));
        Instant now = at("2024-05-02T02:00:01Z");

        Decision decision = planner.decide(schedule, LastRun.NONE, now);
        ScheduleState after = decision.applyTo(schedule.state(), now, run -> "unused");

        assertThat(decision).isEqualTo(new Decision.Reschedule(Optional.empty(), true));
        assertThat(after.nextRun()).isEmpty();
        assertThat(after.queued()).isEmpty();
        assertThat(planner.decide(schedule.withState(after), LastRun.NONE, now)).isEqualTo(Decision.NOTHING);
    }

    @Test
    void firing_records_the_run_its_record_and_a_waiting_status() {
        Instant now = at("2024-05-02T02:00:01Z");
        Decision fire = new Decision.Fire(at("2024-05-02T02:00:00Z"), Optional.of(at("2024-05-03T02:00:00Z")), false);

        ScheduleState state = fire.applyTo(ScheduleState.NEW, now, run -> RunDocuments.recordId("nightly", run));

        assertThat(state.lastRecord()).contains("nightly-20240502T020000Z");
        assertThat(state.lastRun()).contains(at("2024-05-02T02:00:00Z"));
        assertThat(state.lastFired()).contains(now);
        assertThat(state.lastStatus()).contains("waiting");
        assertThat(state.nextRun()).contains(at("2024-05-03T02:00:00Z"));
    }
}
