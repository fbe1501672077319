package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.config.SettingsLoader;
import dirt.schedule.Scheduler;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt schedules}, and schedule documents posted with {@code dirt post}. */
@ExtendWith(CouchServerExtension.class)
class SchedulesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECK = """
            {"_id": "schedule:check", "type": "schedule", "name": "check", "frequency": 600,
             "record": {"description": "health check"},
             "tasks": [{"name": "ping", "command": "true"}]}""";

    @TempDir
    Path dir;

    private Cli cli;
    private CouchDatabase db;
    private Map<String, String> env;

    @BeforeEach
    void project(TestCouch couch) {
        env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        String name = couch.newDatabaseName();
        assertThat(new Cli(dir, env).run("create", "demo", name).exitCode()).isZero();
        cli = new Cli(dir.resolve("demo"), env);
        db = couch.client().database(name);
    }

    private Scheduler scheduler(String isoInstant) {
        return new Scheduler(TestCouch.store(db), Clock.fixed(Instant.parse(isoInstant), ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    @Test
    void a_new_project_lists_its_example_schedule_from_the_settings_switched_off() {
        var run = cli.run("schedules");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().skip(1).findFirst().orElseThrow())
                .contains("nightly", "0 2 * * *", "no", "in settings.toml; 'dirt serve' installs it");
    }

    @Test
    void a_posted_schedule_is_checked_stored_and_listed_with_its_run_and_status() throws Exception {
        Path file = Files.writeString(dir.resolve("check.json"), CHECK);
        var posted = cli.run("post", file.toString());
        assertThat(posted.exitCode()).as(posted.err()).isZero();
        scheduler("2024-05-01T10:00:00Z").tick();

        var run = cli.run("schedules");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("NAME", "WHEN", "NEXT RUN", "LAST RECORD", "LAST STATUS");
        assertThat(run.out().lines().filter(line -> line.startsWith("check")).findFirst().orElseThrow())
                .contains("every 10 min", "yes", "after the last run ends", "check-20240501T100000Z", "waiting");
    }

    @Test
    void json_gives_each_schedule_with_its_state() throws Exception {
        db.put((ObjectNode) JSON.readTree(CHECK));
        scheduler("2024-05-01T10:00:00Z").tick();
        ObjectNode task = db.get("check-20240501T100000Z-1").orElseThrow();
        task.put("started", 1_714_557_601).put("completed", 1_714_557_602).putObject("results").put("success", true);
        db.put(task);
        scheduler("2024-05-01T10:00:03Z").tick();

        var run = cli.run("schedules", "--json");

        JsonNode check = JSON.readTree(run.out()).path("schedules").get(0);
        assertThat(check.path("name").asText()).isEqualTo("check");
        assertThat(check.path("when").asText()).isEqualTo("every 10 min");
        assertThat(check.path("last_record").asText()).isEqualTo("check-20240501T100000Z");
        assertThat(check.path("last_status").asText()).isEqualTo("passed");
        assertThat(check.path("next_run").asText()).isEqualTo("2024-05-01T10:10:02Z");
        assertThat(JSON.readTree(run.out()).path("schedules")).extracting(s -> s.path("name").asText())
                .containsExactly("check", "nightly");
    }

    @Test
    void post_lists_every_problem_of_an_invalid_schedule_and_stores_nothing() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), """
                {"_id": "schedule:bad", "type": "schedule", "name": "bad", "crontime": "0 25 * * *",
                 "tasks": [{"command": "make"}]}""");

        var run = cli.run("post", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("docs[0] schedule \"schedule:bad\": crontime is not a valid cron expression:"
                        + " \"0 25 * * *\": Value 25 not in range [0, 23]",
                "docs[0] schedule \"schedule:bad\": tasks[0].name is missing", "nothing was posted");
        assertThat(db.get("schedule:bad")).isEmpty();
    }

    @Test
    void an_invalid_schedule_document_in_the_database_is_listed_with_its_problems() throws Exception {
        db.put((ObjectNode) JSON.readTree("{\"_id\": \"schedule:bad\", \"type\": \"schedule\", \"name\": \"bad\"}"));

        var run = cli.run("schedules");

        assertThat(run.out().lines().filter(line -> line.startsWith("bad")).findFirst().orElseThrow())
                .contains("invalid: crontime is missing");
    }

    @Test
    void the_settings_schedules_are_installed_as_serve_installs_them() {
        var settings = SettingsLoader.load(dir.resolve("demo"), env);
        scheduler("2024-05-01T10:00:00Z").install(settings.schedules());

        var run = cli.run("schedules");

        assertThat(run.out()).doesNotContain("installs it");
        assertThat(db.get("schedule:nightly").orElseThrow().path("source").asText()).isEqualTo("settings");
    }
}
