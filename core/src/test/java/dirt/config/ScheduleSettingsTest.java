package dirt.config;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.schedule.Missed;
import dirt.schedule.Overlap;
import dirt.schedule.Schedule;
import dirt.schedule.Trigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code [[schedule]]} sections of settings.toml, checked with every other setting, every problem at once. */
class ScheduleSettingsTest {
    private static final String MINIMAL = "[project]\nname = \"demo\"\n";

    private static Settings parse(String toml) {
        return SettingsText.parse(MINIMAL + toml);
    }

    private static List<String> problems(String toml) {
        return SettingsText.problems(MINIMAL + toml);
    }

    @Test
    void a_project_without_schedules_has_none() {
        assertThat(parse("").schedules()).isEmpty();
    }

    @Test
    void schedule_sections_become_schedules_with_their_tasks() {
        List<Schedule> schedules = parse("""
                [commands]
                free_form = true

                [[schedule]]
                name = "nightly"
                crontime = "0 2 * * *"
                timezone = "Europe/Zurich"
                description = "nightly build"
                overlap = "queue"
                missed = "skip"

                [[schedule.task]]
                name = "examples.simple"

                [[schedule.task]]
                name = "build"
                command = "make test"
                kwargs = { jobs = 4 }
                requires = ["architecture is x86_64"]

                [[schedule]]
                name = "check"
                frequency = "10m"
                enabled = false

                [[schedule.task]]
                name = "ping"
                command = "curl -fsS http://example.org/health"
                """).schedules();

        assertThat(schedules).extracting(Schedule::name).containsExactly("nightly", "check");
        Schedule nightly = schedules.get(0);
        assertThat(nightly.trigger().describe()).isEqualTo("0 2 * * * Europe/Zurich");
        assertThat(nightly.overlap()).isEqualTo(Overlap.QUEUE);
        assertThat(nightly.missed()).isEqualTo(Missed.SKIP);
        assertThat(nightly.record().string("description").orElseThrow()).isEqualTo("nightly build");
        assertThat(nightly.tasks()).hasSize(2);
        assertThat(nightly.tasks().get(1).object("kwargs").orElseThrow().number("jobs").orElseThrow().intValue()).isEqualTo(4);
        assertThat(nightly.tasks().get(1).array("requires").orElseThrow().get(0)).isEqualTo(new dirt.json.JsonString("architecture is x86_64"));
        assertThat(schedules.get(1).trigger()).isEqualTo(new Trigger.Frequency(Duration.ofMinutes(10)));
        assertThat(schedules.get(1).enabled()).isFalse();
    }

    @Test
    void a_schedule_task_may_run_after_others_check_its_work_and_run_on_every_node() {
        Schedule nightly = parse("""
                [commands]
                free_form = true

                [[schedule]]
                name = "nightly"
                crontime = "0 2 * * *"

                [[schedule.task]]
                name = "build"
                command = "make"
                check = "test -f app.jar"

                [[schedule.task]]
                name = "clean"
                command = "rm -rf /scratch/*"
                broadcast = true
                after = ["build"]
                """).schedules().get(0);

        assertThat(nightly.tasks().get(0).string("check").orElseThrow()).isEqualTo("test -f app.jar");
        assertThat(nightly.tasks().get(1).bool("broadcast").orElseThrow()).isTrue();
        assertThat(nightly.tasks().get(1).array("after").orElseThrow().get(0)).isEqualTo(new dirt.json.JsonString("build"));
    }

    @Test
    void frequency_may_be_whole_seconds() {
        Schedule schedule = parse("[[schedule]]\nname = \"check\"\nfrequency = 2\n[[schedule.task]]\nname = \"x\"\n")
                .schedules().get(0);

        assertThat(schedule.trigger()).isEqualTo(new Trigger.Frequency(Duration.ofSeconds(2)));
    }

    @Test
    void every_problem_of_every_schedule_section_is_reported_at_once_with_its_section() {
        List<String> problems = problems("""
                [[schedule]]
                name = "nightly"
                crontme = "0 2 * * *"
                overlap = "sometimes"

                [[schedule.task]]
                command = "make"
                requires = ["arch equals x86_64"]

                [[schedule]]
                name = "nightly"
                crontime = "0 25 * * *"
                frequency = 0

                [[schedule]]
                frequency = "10m"
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "settings.toml: [[schedule]] #1 overlap: expected one of \"skip\", \"queue\", \"allow\", got"
                        + " \"sometimes\"",
                "settings.toml: [[schedule]] #1 crontime: is missing — set crontime to a cron expression such as"
                        + " \"0 2 * * *\" (02:00 every day) or \"*/15 * * * 1-5\" (every quarter hour on weekdays), or"
                        + " frequency to the seconds between the end of one run and the start of the next",
                "settings.toml: [[schedule]] #1 [[schedule.task]] #1 name: missing — set it to the task to run, e.g."
                        + " \"examples.simple\", or to a label for the command",
                "settings.toml: [[schedule]] #1 [[schedule.task]] #1 requires[0]: \"arch equals x86_64\": unknown"
                        + " operator \"equals\" — use one of is, not, in, not_in",
                "settings.toml: [[schedule]] #1 crontme: unknown key, did you mean \"crontime\"?",
                "settings.toml: [[schedule]] #2 name: \"nightly\" names another [[schedule]] too — names must differ",
                "settings.toml: [[schedule]] #2 frequency: must be at least 1 second, got 0",
                "settings.toml: [[schedule]] #2 frequency: is set as well as crontime — keep one of them",
                "settings.toml: [[schedule]] #2 task: missing — add the tasks each run creates as [[schedule.task]]"
                        + " sections after it, e.g. [[schedule.task]] name = \"examples.simple\"",
                "settings.toml: [[schedule]] #3 name: missing — name the schedule, e.g. name = \"nightly\"",
                "settings.toml: [[schedule]] #3 task: missing — add the tasks each run creates as [[schedule.task]]"
                        + " sections after it, e.g. [[schedule.task]] name = \"examples.simple\"");
    }

    @Test
    void an_invalid_crontime_or_timezone_says_what_is_expected() {
        List<String> problems = problems("""
                [[schedule]]
                name = "nightly"
                crontime = "0 2 * *"
                timezone = "Mars/Olympus"
                [[schedule.task]]
                name = "x"
                """);

        assertThat(problems).containsExactly(
                "settings.toml: [[schedule]] #1 crontime: has 4 field(s) in \"0 2 * *\", expected 5 (minute hour"
                        + " day-of-month month day-of-week) or 6 (seconds first) — e.g. \"0 2 * * *\" (02:00 every"
                        + " day) or \"*/15 * * * 1-5\" (every quarter hour on weekdays)",
                "settings.toml: [[schedule]] #1 timezone: \"Mars/Olympus\" is not a time zone — use a name such as"
                        + " \"Europe/Zurich\" or \"UTC\", or remove it for the server's time zone");
    }
}
