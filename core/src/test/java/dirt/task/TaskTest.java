package dirt.task;

import static dirt.task.TaskJson.compileHello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.InputLimits;
import dirt.document.InvalidDocumentException;
import dirt.json.JsonObject;
import dirt.match.Operator;
import dirt.match.Requirement;
import dirt.node.NodeName;
import dirt.record.RecordId;
import dirt.store.couch.JacksonBridge;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTest {
    private static final NodeName BUILD7 = new NodeName("build7");
    private static final Instant STARTED = Instant.ofEpochSecond(1315347400);
    private static final Instant COMPLETED = Instant.ofEpochSecond(1315347460);

    @Test
    void seed_compile_hello_task_parses_as_is() {
        Task task = Task.fromJson(JacksonBridge.object(TaskJson.parse(TaskJson.SEED_COMPILE_HELLO)));

        assertThat(task.id()).isEqualTo(new TaskId("2e3dabbff38ca7f6fa05c5a0cbbc95a5"));
        assertThat(task.recordId()).isEqualTo(new RecordId("r123"));
        assertThat(task.name()).isEqualTo(new TaskName("compile_hello"));
        assertThat(task.created()).contains(Instant.ofEpochSecond(1315347385));
        assertThat(task.requires()).isEmpty();
        assertThat(task.kwargs()).isEmpty();
        assertThat(task.isCommand()).isFalse();
        assertThat(task.status()).isEqualTo(TaskStatus.WAITING);
    }

    @Test
    void seed_task_writes_back_unchanged() {
        ObjectNode seed = TaskJson.parse(TaskJson.SEED_COMPILE_HELLO);
        assertThat(JacksonBridge.tree(Task.fromJson(JacksonBridge.object(seed)).toDocument())).isEqualTo(seed);
    }

    @Test
    void mark_started_sets_started_and_node_and_keeps_unknown_fields() {
        ObjectNode started = JacksonBridge.tree(compileHello().task().markStarted(BUILD7, STARTED));

        assertThat(started.get("platform").asText()).isEqualTo("linux");
        assertThat(started.get("started").asLong()).isEqualTo(1315347400);
        assertThat(started.get("node").asText()).isEqualTo("build7");
        assertThat(Task.fromJson(JacksonBridge.object(started)).status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void mark_completed_sets_completed_and_results_and_keeps_unknown_fields() {
        Task running = Task.fromJson(compileHello().task().markStarted(BUILD7, STARTED));

        ObjectNode completed = JacksonBridge.tree(running.markCompleted(Results.passed(), COMPLETED));

        assertThat(completed.get("platform").asText()).isEqualTo("linux");
        assertThat(completed.get("node").asText()).isEqualTo("build7");
        assertThat(completed.get("completed").asLong()).isEqualTo(1315347460);
        assertThat(completed.get("results")).isEqualTo(TaskJson.parse("{\"success\": true}"));
        assertThat(Task.fromJson(JacksonBridge.object(completed)).status()).isEqualTo(TaskStatus.PASSED);
    }

    @Test
    void write_backs_never_modify_the_original_document() {
        ObjectNode original = compileHello().build();
        Task task = Task.fromJson(JacksonBridge.object(original));

        task.markStarted(BUILD7, STARTED);
        task.markCompleted(Results.failed("g++ failed"), COMPLETED);

        assertThat(original).isEqualTo(compileHello().build());
        assertThat(task.document()).isEqualTo(JacksonBridge.object(compileHello().build()));
    }

    @Test
    void a_completed_task_no_longer_says_why_it_waited() {
        Task waiting = Task.fromJson(compileHello().task().toDocument().with("waiting", "no enabled node meets the"
                + " requirements"));

        assertThat(waiting.markCompleted(Results.failed("cancelled"), COMPLETED).has("waiting")).isFalse();
    }

    @Test
    void starting_a_completed_task_again_clears_its_completion() {
        Task done = Task.fromJson(compileHello().task().markCompleted(Results.passed(), COMPLETED));

        Task restarted = Task.fromJson(done.markStarted(BUILD7, STARTED));

        assertThat(restarted.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(restarted.document().has("results")).isFalse();
    }

    @Test
    void fractional_completion_time_is_accepted() {
        Task task = compileHello().with("started", "1315347400").with("completed", "1315347460.25")
                .with("results", "{\"success\": false, \"reason\": \"g++ failed\"}").task();

        assertThat(task.completed()).contains(Instant.ofEpochSecond(1315347460, 250_000_000));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.results().flatMap(Results::reason)).contains("g++ failed");
    }

    @Test
    void completed_task_without_results_has_failed() {
        assertThat(compileHello().with("completed", "1315347460").task().status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void completed_task_whose_success_is_not_a_boolean_has_failed() {
        Task task = compileHello().with("completed", "1").with("results", "{\"success\": \"yes\"}").task();
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void requires_kwargs_and_command_are_read() {
        Task task = compileHello()
                .with("requires", "[\"architecture is x86_64\", \"G4INSTALL in environ\"]")
                .with("kwargs", "{\"foo\": 42, \"bar\": \"baz\"}")
                .with("command", "\"make test\"")
                .task();

        assertThat(task.requires()).containsExactly(new Requirement("architecture", Operator.IS, "x86_64"),
                new Requirement("environ", Operator.IN, "G4INSTALL"));
        assertThat(task.kwargs()).contains(JacksonBridge.object(TaskJson.parse("{\"foo\": 42, \"bar\": \"baz\"}")));
        assertThat(task.command()).contains("make test");
        assertThat(task.isCommand()).isTrue();
    }

    @Test
    void requires_kwargs_and_attachments_survive_write_back() {
        ObjectNode original = compileHello()
                .with("requires", "[\"architecture is x86_64\", \"G4INSTALL in environ\"]")
                .with("kwargs", "{\"foo\": [1, 2]}")
                .with("_attachments", "{\"build.log\": {\"content_type\": \"text/plain\", \"stub\": true}}")
                .build();

        ObjectNode started = JacksonBridge.tree(Task.fromJson(JacksonBridge.object(original)).markStarted(BUILD7, STARTED));

        assertThat(started.get("requires")).isEqualTo(original.get("requires"));
        assertThat(started.get("kwargs")).isEqualTo(original.get("kwargs"));
        assertThat(started.get("_attachments")).isEqualTo(original.get("_attachments"));
        assertThat(Task.fromJson(JacksonBridge.object(started)).attachmentNames()).containsExactly("build.log");
    }

    @Test
    void requires_lines_with_odd_spacing_are_written_back_as_posted_not_normalised() {
        ObjectNode original = compileHello()
                .with("requires", "[\"  architecture   is   x86_64  \", \"G4INSTALL\\tin environ\"]")
                .build();
        Task task = Task.fromJson(JacksonBridge.object(original));

        assertThat(task.requires()).containsExactly(Requirement.parse("architecture is x86_64"),
                Requirement.parse("G4INSTALL in environ"));
        assertThat(JacksonBridge.tree(task.toDocument())).isEqualTo(original);
        assertThat(JacksonBridge.tree(task.markStarted(BUILD7, STARTED)).get("requires"))
                .isEqualTo(original.get("requires"));
        assertThat(JacksonBridge.tree(task.markCompleted(Results.passed(), COMPLETED)).get("requires"))
                .isEqualTo(original.get("requires"));
    }

    @Test
    void posted_fields_given_as_null_stay_null_on_write_back() {
        ObjectNode original = compileHello().with("requires", "null").with("after", "null").with("kwargs", "null")
                .with("command", "null").with("check", "null").with("broadcast", "null").with("created", "null")
                .with("timeout", "null").with("tries", "null").with("cancel", "null").build();

        Task task = Task.fromJson(JacksonBridge.object(original));

        ObjectNode started = JacksonBridge.tree(task.markStarted(BUILD7, STARTED));

        for (String field : List.of("requires", "after", "kwargs", "command", "check", "broadcast", "created",
                "timeout", "tries", "cancel")) {
            assertThat(started.path(field).isNull()).as(field + " in " + started).isTrue();
        }
    }

    @Test
    void posted_fields_are_written_back_exactly_as_stored() {
        ObjectNode original = compileHello().with("created", "1315347385.1234567891")
                .with("after", "[\" build \", \"lint\"]").with("kwargs", "{\"b\": 1.50, \"a\": [true, null]}")
                .with("broadcast", "false").with("command", "\"  make  \"").with("check", "\" test -f x \"").build();

        JsonObject stored = JacksonBridge.object(original);

        assertThat(Task.fromJson(stored).toDocument()).isEqualTo(stored);
    }

    @Test
    void empty_requires_list_is_kept_as_written() {
        ObjectNode original = compileHello().with("requires", "[]").build();
        assertThat(JacksonBridge.tree(Task.fromJson(JacksonBridge.object(original)).toDocument())).isEqualTo(original);
    }

    @Test
    void results_returned_by_a_task_keep_their_own_fields() {
        Results results = Results.fromJson(JacksonBridge.object(TaskJson.parse(
                "{\"success\": true, \"sum\": 4, \"attach_links\": [{\"id\": \"build.log\", \"name\": \"Build log\"}]}")));

        ObjectNode completed = JacksonBridge.tree(compileHello().task().markCompleted(results, COMPLETED));

        assertThat(completed.get("results")).isEqualTo(TaskJson.parse(
                "{\"success\": true, \"sum\": 4, \"attach_links\": [{\"id\": \"build.log\", \"name\": \"Build log\"}]}"));
        assertThat(Task.fromJson(JacksonBridge.object(completed)).results().orElseThrow().attachLinks())
                .containsExactly(new AttachLink("build.log", "Build log"));
    }

    @Test
    void validation_lists_every_problem_at_once() {
        ObjectNode bad = compileHello()
                .with("type", "\"record\"")
                .without("record_id")
                .without("name")
                .with("kwargs", "[1, 2]")
                .with("requires", "[\"architecture is x86_64\", \"arch equals x86_64\", 7, \"x86_64\"]")
                .with("command", "[\"make\"]")
                .with("created", "\"yesterday\"")
                .build();

        assertThat(Task.validate(JacksonBridge.object(bad))).extracting(Object::toString).containsExactly(
                "type must be \"task\", got \"record\"",
                "record_id is missing — set it to the _id of the record the task belongs to",
                "name is missing — set it to the task to run, e.g. \"examples.simple\", or to a label for the "
                        + "task's command",
                "created must be a number of seconds since the epoch, got \"yesterday\"",
                "kwargs must be a JSON object, got [1,2]",
                "requires[1] \"arch equals x86_64\": unknown operator \"equals\" — use one of is, not, in, not_in",
                "requires[2] must be a string, got 7",
                "requires[3] \"x86_64\": expected 3 words (\"key is value\", \"key not value\", \"value in key\" or "
                        + "\"value not_in key\"), got 1",
                "command must be a string, got [\"make\"]");
    }

    @Test
    void blank_name_is_a_problem() {
        assertThat(Task.validate(JacksonBridge.object(compileHello().with("name", "\"  \"").build()))).extracting(Object::toString)
                .containsExactly("name is blank — set it to the task to run, e.g. \"examples.simple\", or to a label "
                        + "for the task's command");
    }

    @Test
    void requires_that_is_not_a_list_is_a_problem() {
        assertThat(Task.validate(JacksonBridge.object(compileHello().with("requires", "\"architecture is x86_64\"").build())))
                .extracting(Object::toString)
                .containsExactly("requires must be a list of strings like \"architecture is x86_64\", "
                        + "got \"architecture is x86_64\"");
    }

    @Test
    void missing_type_and_id_are_problems() {
        assertThat(Task.validate(JacksonBridge.object(compileHello().without("type").without("_id").build())))
                .extracting(Object::toString)
                .containsExactly("_id is missing — give the task a unique id", "type is missing — set it to \"task\"");
    }

    @Test
    void blank_command_is_a_problem() {
        assertThat(Task.validate(JacksonBridge.object(compileHello().with("command", "\"\"").build()))).extracting(Object::toString)
                .containsExactly("command is blank — set it to a shell command line, or remove it to run the task "
                        + "named by name");
    }

    @Test
    void valid_task_has_no_problems() {
        assertThat(Task.validate(JacksonBridge.object(compileHello().with("requires", "[\"G4INSTALL in environ\"]").build()))).isEmpty();
    }

    @Test
    void parsing_an_invalid_task_fails_with_every_problem_in_the_message() {
        assertThatThrownBy(() -> compileHello().without("record_id").with("kwargs", "3").task())
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessage("invalid task document: _id=\"2e3dabbff38ca7f6fa05c5a0cbbc95a5\" problems=2: "
                        + "record_id is missing — set it to the _id of the record the task belongs to; "
                        + "kwargs must be a JSON object, got 3 — fix the document and save it again");
    }

    @Test
    void mark_invalid_completes_the_task_as_failed_with_every_problem() throws Exception {
        ObjectNode bad = compileHello().without("name").with("requires", "[\"arch equals x86_64\"]").build();

        ObjectNode marked = JacksonBridge.tree(Task.markInvalid(JacksonBridge.object(bad), Task.validate(JacksonBridge.object(bad)), COMPLETED));

        assertThat(marked.get("completed").asLong()).isEqualTo(1315347460);
        assertThat(marked.get("platform").asText()).isEqualTo("linux");
        assertThat(marked.at("/results/success").asBoolean(true)).isFalse();
        assertThat(marked.at("/results/reason").asText()).isEqualTo("invalid task: "
                + "name is missing — set it to the task to run, e.g. \"examples.simple\", or to a label for the task's "
                + "command; requires[0] \"arch equals x86_64\": unknown operator \"equals\" — use one of is, not, in, "
                + "not_in — fix the task document and add it again");
        assertThat(marked.at("/results/problems")).isEqualTo(TaskJson.JSON.readTree("""
                [{"field": "name", "message": "is missing — set it to the task to run, e.g. \\"examples.simple\\", \
                or to a label for the task's command"},
                 {"field": "requires[0]", "message": "\\"arch equals x86_64\\": unknown operator \\"equals\\" — \
                use one of is, not, in, not_in"}]"""));
        assertThat(bad.has("completed")).isFalse();
    }

    @Test
    void mark_invalid_needs_at_least_one_problem() {
        assertThatThrownBy(() -> Task.markInvalid(JacksonBridge.object(compileHello().build()), List.of(), COMPLETED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fractional_start_time_is_written_as_a_decimal() {
        JsonObject started = compileHello().task().markStarted(BUILD7, Instant.ofEpochSecond(1315347400, 500_000_000));
        assertThat(started.get("started").orElseThrow().toString()).isEqualTo("1315347400.5");
    }

    private static String nested(int levels) {
        return "{\"x\": ".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    }

    @Test
    void kwargs_nested_to_the_limit_are_fine_and_one_level_more_is_refused_saying_what_to_do() {
        ObjectNode atLimit = compileHello().with("kwargs", nested(InputLimits.MAX_DEPTH)).build();
        ObjectNode tooDeep = compileHello().with("kwargs", nested(InputLimits.MAX_DEPTH + 1)).build();

        assertThat(Task.validate(JacksonBridge.object(atLimit))).isEmpty();
        assertThat(Task.validate(JacksonBridge.object(tooDeep))).extracting(Object::toString).containsExactly("kwargs is nested deeper than"
                + " 100 levels — flatten it, or put the data in a file the task reads");
    }

    @Test
    void kwargs_larger_than_the_limit_are_refused() {
        ObjectNode big = compileHello().with("kwargs", "{\"blob\": \"" + "x".repeat(InputLimits.MAX_BYTES) + "\"}")
                .build();

        assertThat(Task.validate(JacksonBridge.object(big))).extracting(Object::toString).singleElement().asString()
                .startsWith("kwargs has 4194315 bytes of JSON, more than 4194304");
    }

    @Test
    void what_serve_wrote_about_the_attempts_is_read_typed_and_written_back_unchanged() throws Exception {
        ObjectNode doc = JacksonBridge.tree(compileHello().task().toDocument());
        doc.put("attempt", 2).put("server", "one@build:42").put("slot", 1).put("retry_at", 1315347500.5)
                .put("waiting", "try 1 of 3 failed (exit 1)").put("lost", 1);
        doc.set("history", TaskJson.JSON.readTree("""
                [{"attempt": 1, "node": "build7", "server": "one@build:42", "started": 1315347400,
                  "ended": 1315347410, "outcome": "failed", "reason": "exit 1"}]"""));

        Task task = Task.fromJson(JacksonBridge.object(doc));

        assertThat(task.serve().attempt()).isEqualTo(2);
        assertThat(task.serve().server()).contains("one@build:42");
        assertThat(task.serve().slot()).contains(1);
        assertThat(task.serve().retryAt()).contains(Instant.ofEpochMilli(1315347500500L));
        assertThat(task.serve().lost()).isEqualTo(1);
        assertThat(task.serve().history()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("failed");
            assertThat(attempt.ended()).contains(Instant.ofEpochSecond(1315347410));
        });
        assertThat(JacksonBridge.tree(task.toDocument())).isEqualTo(doc);
    }

    @Test
    void a_serve_field_of_the_wrong_type_is_a_problem_naming_it() throws Exception {
        ObjectNode doc = JacksonBridge.tree(compileHello().task().toDocument()).put("attempt", "two");
        doc.set("history", TaskJson.JSON.readTree("[{\"attempt\": 1, \"ended\": \"later\"}]"));

        assertThat(Task.validate(JacksonBridge.object(doc))).extracting(Object::toString).containsExactly(
                "attempt must be a whole number, got \"two\"",
                "history[0].ended must be a number of seconds since the epoch, got \"later\"");
    }

    @Test
    void after_is_a_list_of_task_names_or_ids_and_anything_else_is_a_problem() throws Exception {
        ObjectNode doc = JacksonBridge.tree(compileHello().task().toDocument());
        doc.set("after", TaskJson.JSON.readTree("[\"build\", \"r123-lint\"]"));
        assertThat(Task.fromJson(JacksonBridge.object(doc)).after()).containsExactly("build", "r123-lint");
        assertThat(JacksonBridge.tree(Task.fromJson(JacksonBridge.object(doc)).toDocument())).isEqualTo(doc);

        assertThat(Task.validate(JacksonBridge.object(doc.put("after", "build")))).extracting(Object::toString).containsExactly(
                "after must be a list of names or _ids of tasks of the same record, like [\"build\", \"lint\"],"
                        + " got \"build\"");
        doc.set("after", TaskJson.JSON.readTree("[\"build\", 7, \" \"]"));
        assertThat(Task.validate(JacksonBridge.object(doc))).extracting(Object::toString).containsExactly(
                "after[1] must be the name or _id of a task of the same record, got 7",
                "after[2] must be the name or _id of a task of the same record, got \" \"");
    }

    @Test
    void check_goes_with_a_command_and_is_a_command_line() throws Exception {
        ObjectNode command = JacksonBridge.tree(compileHello().task().toDocument()).put("command", "make").put("check", "test -f app.jar");
        assertThat(Task.fromJson(JacksonBridge.object(command)).check()).contains("test -f app.jar");
        assertThat(JacksonBridge.tree(Task.fromJson(JacksonBridge.object(command)).toDocument())).isEqualTo(command);

        assertThat(Task.validate(JacksonBridge.object(command.deepCopy().put("check", 5)))).extracting(Object::toString)
                .containsExactly("check must be a string, got 5");
        assertThat(Task.validate(compileHello().task().toDocument().with("check", "true"))).extracting(Object::toString)
                .containsExactly("check is for command tasks — a Java task overrides check(TaskContext) in its class"
                        + " instead");
    }
}
