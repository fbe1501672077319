package dirt.task;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.document.InvalidDocumentException;
import dirt.document.Problem;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.match.Requirement;
import dirt.node.NodeName;
import dirt.record.RecordId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A task document. Fields users write: {@code _id}, {@code type: "task"}, {@code record_id}, {@code name},
 * {@code created}, {@code kwargs} (object), {@code requires} (requirement lines), {@code after} (names or
 * {@code _id}s of tasks of the same record that must pass first), {@code command} (a shell command
 * line run instead of a Java task; {@code name} then labels it), {@code check} (a command that says whether the
 * work is already done: run before the command, and again after it to decide), {@code broadcast} ({@code true}: run
 * once on every enabled node that meets {@code requires}) and the {@link TaskOptions} ({@code timeout},
 * {@code tries}, {@code retry_delay}, {@code cancel}). Fields {@code serve} writes: {@code started},
 * {@code node}, {@code completed}, {@code results} and the {@link ServeFields} about its attempts. Any other field, including {@code _attachments} and fields
 * users add such as {@code "platform": "linux"}, is kept in {@link #document()} and survives every write-back.
 *
 * <p>Adding a field: add a component here and read it in {@code TaskReader}; write it in {@link #toDocument()} only
 * when serve decides it (a field users post is kept as they wrote it).
 */
public record Task(TaskId id, Optional<String> rev, RecordId recordId, TaskName name, Optional<Instant> created,
        Optional<JsonObject> kwargs, List<Requirement> requires, List<String> after, Optional<String> command,
        Optional<String> check, boolean broadcast, Optional<Instant> started, Optional<Instant> completed, Optional<NodeName> node, Optional<Results> results, TaskOptions options,
        ServeFields serve, JsonObject document) {
    public static final String TYPE = "task";

    public Task {
        requireNonNull(id, "id is null");
        requireNonNull(rev, "rev is null");
        requireNonNull(recordId, "recordId is null");
        requireNonNull(name, "name is null");
        requireNonNull(created, "created is null");
        requireNonNull(kwargs, "kwargs is null");
        requires = List.copyOf(requireNonNull(requires, "requires is null"));
        after = List.copyOf(requireNonNull(after, "after is null"));
        requireNonNull(command, "command is null");
        requireNonNull(check, "check is null");
        requireNonNull(started, "started is null");
        requireNonNull(completed, "completed is null");
        requireNonNull(node, "node is null");
        requireNonNull(results, "results is null");
        requireNonNull(options, "options is null");
        requireNonNull(serve, "serve is null");
        requireNonNull(document, "document is null");
    }

    /** Every problem with a task document, all at once; empty when {@link #fromJson} would succeed. */
    public static List<Problem> validate(JsonObject json) {
        DocumentReader in = new DocumentReader(json);
        TaskReader.read(in);
        return in.problems();
    }

    /**
     * Parses a task document read as dirt's JSON (from the store, or a backlog's bytes): no tree to convert first.
     *
     * @throws InvalidDocumentException listing every problem when the document is not a valid task
     */
    public static Task fromJson(JsonObject json) {
        DocumentReader in = new DocumentReader(json);
        Optional<Task> task = TaskReader.read(in);
        in.throwIfInvalid(TYPE);
        return task.orElseThrow();
    }

    private static Task fromJson(Json json) {
        DocumentReader in = new DocumentReader(json);
        Optional<Task> task = TaskReader.read(in);
        in.throwIfInvalid(TYPE);
        return task.orElseThrow();
    }

    /** {@link TaskStatus#WAITING} until started, then RUNNING until completed, then PASSED, FAILED or CANCELLED by the results. */
    public TaskStatus status() {
        if (completed.isPresent()) {
            if (results.map(r -> truthy(r.document().get("cancelled"))).orElse(false)) {
                return TaskStatus.CANCELLED;
            }
            return results.map(Results::success).orElse(false) ? TaskStatus.PASSED : TaskStatus.FAILED;
        }
        return started.isPresent() ? TaskStatus.RUNNING : TaskStatus.WAITING;
    }

    /** A flag as tasks write it: {@code true}, {@code "true"} or a number other than 0; anything else is false. */
    private static boolean truthy(Optional<Json> value) {
        Json flag = value.orElse(null);
        return flag instanceof JsonBoolean bool ? bool.value()
                : flag instanceof JsonString text ? text.value().trim().equals("true")
                : flag instanceof JsonNumber number && number.value().signum() != 0;
    }

    /** Whether the task runs a shell {@link #command()} rather than the Java task named by {@link #name()}. */
    public boolean isCommand() {
        return command.isPresent();
    }

    /** One field of the document this task was read from, for fields dirt does not model; empty when it has none. */
    public Optional<Json> field(String name) {
        return document.get(requireNonNull(name, "name is null"));
    }

    /** The names of the document's CouchDB attachments ({@code _attachments}). */
    public List<String> attachmentNames() {
        return List.copyOf(document.object("_attachments").map(a -> a.fields().keySet()).orElse(java.util.Set.of()));
    }

    /** The document after {@code node} started the task at {@code at}: a running task has no completion or results. */
    public JsonObject markStarted(NodeName node, Instant at) {
        requireNonNull(node, "node is null");
        requireNonNull(at, "at is null");
        return DocumentWriter.copyOf(toDocument())
                .epochSeconds("started", at)
                .string("node", node.value())
                .remove("completed")
                .remove("results")
                .build();
    }

    /** The document after the task completed at {@code at} with {@code results}; it no longer waits for anything. */
    public JsonObject markCompleted(Results results, Instant at) {
        requireNonNull(results, "results is null");
        requireNonNull(at, "at is null");
        return DocumentWriter.copyOf(toDocument()).epochSeconds("completed", at).json("results", results.toJson())
                .remove(ServeFields.WAITING).build();
    }

    /**
     * A task document that failed validation, marked completed at {@code at} and failed with a reason listing every
     * problem (also kept as data in {@code results.problems}), so that it shows as failed instead of waiting forever.
     * Works on the raw document because an invalid task cannot be parsed.
     */
    public static JsonObject markInvalid(JsonObject original, List<Problem> problems, Instant at) {
        requireNonNull(original, "original is null");
        requireNonNull(at, "at is null");
        if (requireNonNull(problems, "problems is null").isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        JsonArray details = new JsonArray(problems.stream().<Json>map(p -> JsonObject.builder()
                .put("field", p.field()).put("message", p.message()).build()).toList());
        Results results = Results.failed(invalidReason(problems)).with("problems", details);
        return DocumentWriter.copyOf(original).epochSeconds("completed", at).json("results", results.toJson())
                .remove(ServeFields.WAITING).build();
    }

    /** E.g. {@code invalid task: name is missing — …; record_id is missing — … — fix the task document …}. */
    static String invalidReason(List<Problem> problems) {
        return "invalid task: " + problems.stream().map(Problem::describe).collect(Collectors.joining("; "))
                + " — fix the task document and add it again";
    }

    /**
     * The document with the fields serve decides ({@code started}, {@code completed}, {@code node}, {@code results}
     * and the {@link ServeFields}) set on {@link #document()}. What users posted ({@code type}, {@code record_id},
     * {@code name}, {@code created}, {@code kwargs}, {@code requires}, {@code after}, {@code command}, {@code check},
     * {@code broadcast} and the {@link TaskOptions}) stays exactly as stored: a task is only ever read from its
     * document, and writing a field back from its parsed form would change its spelling (requirement lines with
     * their spacing normalised, a {@code null} dropped), which the database's {@code validate_doc_update} refuses as a
     * change of what was posted.
     */
    public JsonObject toDocument() {
        DocumentWriter out = DocumentWriter.copyOf(document)
                .string("_id", id.value())
                .string("_rev", rev)
                .epochSeconds("started", started)
                .epochSeconds("completed", completed)
                .string("node", node.map(NodeName::value));
        set(out, "results", results.map(Results::toJson));
        serve.write(out);
        return out.build();
    }

    /** Sets the field, or removes it when {@code value} is empty. */
    private static void set(DocumentWriter out, String field, Optional<? extends Json> value) {
        value.ifPresentOrElse(v -> out.json(field, v), () -> out.remove(field));
    }
}
