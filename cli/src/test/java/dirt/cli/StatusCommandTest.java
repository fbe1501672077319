package dirt.cli;

import static dirt.cli.TaskDocs.completed;
import static dirt.cli.TaskDocs.record;
import static dirt.cli.TaskDocs.started;
import static dirt.cli.TaskDocs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dirt status}, with the web site's views installed ('dirt push') and without them. */
@ExtendWith(CouchServerExtension.class)
class StatusCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli cli;
    private CouchDatabase db;

    @BeforeEach
    void project_with_two_records(TestCouch couch) {
        cli = new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()));
        String name = couch.newDatabaseName();
        assertThat(cli.run("create", "demo", name).exitCode()).isZero();
        cli = new Cli(dir.resolve("demo"), Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()));
        db = couch.client().database(name);
        db.bulkDocs(List.of(record("r123", 1_700_000_000, "revision one two three"),
                record("r124", 1_700_000_100, "revision one two four"),
                completed(started(task("t1", "r123", "compile_hello"), "build7", 1_700_000_001), 1_700_000_004.5,
                        true, null),
                completed(started(task("t2", "r123", "unit_tests"), "build8", 1_700_000_001), 1_700_000_009, false,
                        "3 tests failed"),
                task("t3", "r124", "compile_hello").put("waiting", "no node has G4INSTALL"),
                started(task("t4", "r124", "unit_tests"), "build7", 1_700_000_101)));
    }

    private void withSite(boolean site) {
        if (site) {
            var pushed = cli.run("push");
            assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        }
    }

    @ParameterizedTest(name = "site installed: {0}")
    @ValueSource(booleans = {false, true})
    void status_lists_the_newest_records_first_with_the_counts_of_their_tasks(boolean site) {
        withSite(site);

        var run = cli.run("status");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("RECORD").contains("STATUS", "PASSED", "FAILED", "RUNNING", "WAITING");
        assertThat(lines.get(1)).startsWith("r124").contains("running", "revision one two four");
        assertThat(lines.get(2)).startsWith("r123").contains("failed", "revision one two three");
        assertThat(lines.get(2).split("\\s+")).contains("1");
    }

    @ParameterizedTest(name = "site installed: {0}")
    @ValueSource(booleans = {false, true})
    void status_of_a_record_shows_each_task_with_its_state_node_and_reason(boolean site) {
        withSite(site);

        var run = cli.run("status", "r123");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("record r123 (revision one two three): failed — 1 passed, 1 failed, 0 running,"
                + " 0 waiting");
        assertThat(run.out().lines().filter(line -> line.startsWith("compile_hello")).findFirst().orElseThrow())
                .contains("passed", "build7", "3.5 s", "t1");
        assertThat(run.out().lines().filter(line -> line.startsWith("unit_tests")).findFirst().orElseThrow())
                .contains("failed", "build8", "t2", "3 tests failed");
    }

    @Test
    void a_waiting_task_says_why_it_waits() {
        var run = cli.run("status", "r124");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("record r124 (revision one two four): running");
        assertThat(run.out()).contains("no node has G4INSTALL");
    }

    @Test
    void json_of_a_record_gives_the_record_its_counts_and_every_task() throws Exception {
        var run = cli.run("status", "--json", "r123");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.path("record").path("id").asText()).isEqualTo("r123");
        assertThat(json.path("record").path("status").asText()).isEqualTo("failed");
        assertThat(json.path("record").path("counts").path("passed").asInt()).isEqualTo(1);
        assertThat(json.path("tasks")).extracting(task -> task.path("id").asText()).containsExactly("t1", "t2");
        assertThat(json.path("tasks").get(1).path("reason").asText()).isEqualTo("3 tests failed");
        assertThat(json.path("tasks").get(1).path("node").asText()).isEqualTo("build8");
    }

    @ParameterizedTest(name = "site installed: {0}")
    @ValueSource(booleans = {false, true})
    void json_without_an_id_lists_the_records(boolean site) throws Exception {
        withSite(site);

        var run = cli.run("status", "--json");

        JsonNode records = JSON.readTree(run.out()).path("records");
        assertThat(records).extracting(r -> r.path("id").asText()).containsExactly("r124", "r123");
        assertThat(records.get(0).path("counts").path("waiting").asInt()).isEqualTo(1);
        assertThat(records.get(0).path("counts").path("running").asInt()).isEqualTo(1);
    }

    @Test
    void a_limit_below_one_is_a_usage_error() {
        var run = cli.run("status", "--limit", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--limit must be 1 or more, got 0");
    }

    @Test
    void limit_shows_only_the_newest_records() {
        var run = cli.run("status", "--limit", "1");

        assertThat(run.out()).contains("r124").doesNotContain("r123");
    }

    @Test
    void status_of_a_task_id_shows_that_task_and_its_record() {
        var run = cli.run("status", "t2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("task t2 of record r123: failed", "3 tests failed");
    }

    @Test
    void a_record_whose_tasks_were_posted_without_a_record_document_is_found_by_its_tasks() {
        db.bulkDocs(List.of(task("orphan", "r200", "lint")));

        var run = cli.run("status", "r200");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("record r200: waiting", "lint");
    }

    @Test
    void an_unknown_id_exits_6_and_says_how_to_find_the_records() {
        var run = cli.run("status", "r999");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("no record or task with id \"r999\"", "'dirt status'");
    }

    @Test
    void an_empty_database_says_how_to_post_records(TestCouch couch) {
        var run = cli.run("status", "--db", couch.newDatabase().name());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("No records yet", "dirt post");
    }

    @Test
    void credentials_in_the_couch_option_are_used_instead_of_those_in_the_settings(TestCouch couch) throws Exception {
        assumeThat(couch.realCouchDb()).as("Apache CouchDB refuses wrong credentials").isTrue();
        Path settings = dir.resolve("demo").resolve("settings.toml");
        Files.writeString(settings, Files.readString(settings).replace("# user = \"admin\"\n# password = \"secret\"",
                "user = \"" + couch.config().user() + "\"\npassword = \"" + couch.config().password() + "\""));
        URI url = couch.config().url();
        String wrong = url.getScheme() + "://nobody:wrong@" + url.getHost() + ":" + url.getPort();
        Cli withSettingsOnly = new Cli(dir.resolve("demo"), Map.of("HOME", dir.toString()));

        var refused = withSettingsOnly.run("status", "--couch", wrong);
        var asAdmin = withSettingsOnly.run("status", "--couch", url.toString());

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(3);
        assertThat(refused.err()).contains("nobody").doesNotContain("wrong");
        assertThat(asAdmin.exitCode()).as(asAdmin.err()).isZero();
    }
}
