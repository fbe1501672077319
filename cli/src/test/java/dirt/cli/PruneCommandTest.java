package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.retention.RetentionFixture;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt prune} on a database of old and new records, passed, failed and waiting, with files. */
@ExtendWith(CouchServerExtension.class)
class PruneCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli cli;
    private CouchDatabase db;
    private List<String> before;

    @BeforeEach
    void project_with_old_and_new_records(TestCouch couch) throws Exception {
        cli = new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()));
        String name = couch.newDatabaseName();
        var created = cli.run("create", "demo", name);
        assertThat(created.exitCode()).as(created.err()).isZero();
        cli = new Cli(dir.resolve("demo"), Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()));
        db = couch.client().database(name);
        RetentionFixture.fill(db, Instant.now());
        before = RetentionFixture.ids(db);
    }

    private void withRetention() throws Exception {
        Path settings = dir.resolve("demo/settings.toml");
        Files.writeString(settings, Files.readString(settings) + "\n" + RetentionFixture.TOML);
    }

    @Test
    void dry_run_says_what_would_go_and_prune_deletes_exactly_that_keeping_the_last_runs_and_failed_records()
            throws Exception {
        withRetention();

        var dryRun = cli.run("prune", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(RetentionFixture.ids(db)).as("a dry run deletes nothing")
                .filteredOn(id -> !id.equals("dirt-delete-probe")).isEqualTo(before);
        assertThat(db.get(RetentionFixture.STRIPPED).orElseThrow().has("_attachments")).isTrue();
        assertThat(dryRun.out()).contains("(dry run: nothing is deleted)",
                "[retention] keep_records = \"90d\", keep_last_runs = 2, keep_failed = \"180d\", keep_passed_files ="
                        + " \"30d\"",
                "looked at 12 record(s) with 16 task(s)",
                "would delete 4 record(s) with 6 task(s): 2 file(s), 1006 B of files and ",
                "would remove the files of 1 passed run(s): 2 file(s), 1006 B; their results stay",
                "kept 1 record(s) with a waiting or running task",
                "kept 1 record(s) being the last run of a schedule",
                "kept 3 record(s) holding one of the last runs of a task name (keep_last_runs)",
                "kept 1 record(s) younger than keep_records",
                "kept 1 record(s) with a failed task, younger than keep_failed");
        JsonNode planned = JSON.readTree(cli.run("prune", "--dry-run", "--json").out());
        assertThat(planned.path("would_delete").path("record_ids")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(RetentionFixture.DELETED);
        assertThat(planned.path("would_remove_files").path("task_ids")).extracting(JsonNode::asText)
                .containsExactly(RetentionFixture.STRIPPED);

        var pruned = cli.run("prune", "--json");

        assertThat(pruned.exitCode()).as(pruned.err()).isZero();
        RetentionFixture.assertPruned(db, before);
        JsonNode report = JSON.readTree(pruned.out());
        assertThat(report.path("dry_run").asBoolean()).isFalse();
        assertThat(report.path("deleted").path("records").asInt()).isEqualTo(4);
        assertThat(report.path("deleted").path("tasks").asInt()).isEqualTo(6);
        assertThat(report.path("deleted").path("file_bytes").asLong()).isEqualTo(RetentionFixture.DELETED_FILE_BYTES);
        assertThat(report.path("deleted").path("record_ids")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(RetentionFixture.DELETED);
        assertThat(report.path("removed_files").path("bytes").asLong())
                .isEqualTo(RetentionFixture.STRIPPED_FILE_BYTES);
        assertThat(report.path("kept").path("last_runs").asInt()).isEqualTo(3);
        assertThat(report.path("skipped")).isEmpty();
        assertThat(report.path("compaction")).extracting(c -> c.path("what").asText() + ": " + c.path("outcome")
                .asText()).contains("database: started");

        assertThat(cli.run("status", "mid-passed").out()).contains("the files of " + RetentionFixture.STRIPPED
                + " were removed by the retention policy ([retention] keep_passed_files); the results stay");
        assertThat(JSON.readTree(cli.run("status", "--json", RetentionFixture.STRIPPED).out()).path("task")
                .path("files_pruned").asText()).isNotEmpty();

        var again = cli.run("prune");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("deleted 0 record(s) with 0 task(s)", "removed the files of 0 passed run(s)",
                "compaction: not needed, nothing was deleted");
    }

    @Test
    void prune_without_a_retention_section_refuses_and_says_how_to_turn_it_on_but_a_dry_run_shows_the_defaults() {
        var refused = cli.run("prune");
        var dryRun = cli.run("prune", "--dry-run");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("nothing is pruned: settings.toml has no [retention] section — add one");
        assertThat(RetentionFixture.ids(db)).isEqualTo(before);
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("settings.toml has no [retention]: these are the defaults",
                "keep_records = \"90d\", keep_last_runs = 20");
    }

    @Test
    void only_a_dirt_server_may_prune_and_compaction_that_needs_an_admin_is_reported_not_failed(TestCouch couch)
            throws Exception {
        assumeThat(couch.realCouchDb()).as("Apache CouchDB: roles and _security").isTrue();
        withRetention();
        var pushed = cli.run("push");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();

        var submitter = as(couch, "dirt_submitter").run("prune");
        var server = as(couch, "dirt_server").run("prune");

        assertThat(submitter.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(submitter.err()).contains("pruning deletes documents, which only a dirt server may do",
                "only a dirt server deletes documents", "run it as a user with the role dirt_server");
        assertThat(server.exitCode()).as(server.err()).isZero();
        RetentionFixture.assertPruned(db, before);
        assertThat(server.out()).contains("deleted 4 record(s) with 6 task(s)",
                "compaction: database: refused — it takes a database admin");
    }

    private Cli as(TestCouch couch, String role) {
        String name = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        ObjectNode user = JSON.createObjectNode().put("_id", "org.couchdb.user:" + name).put("name", name)
                .put("type", "user").put("password", password);
        user.putArray("roles").add(role);
        couch.client().database("_users").put(user);
        URI url = couch.config().url();
        return new Cli(dir.resolve("demo"), Map.of("HOME", dir.toString(), "DIRT_COUCH_URL",
                url.getScheme() + "://" + name + ":" + password + "@" + url.getHost() + ":" + url.getPort()));
    }
}
