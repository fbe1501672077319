package dirt.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.document.InvalidDocumentException;
import dirt.document.Problem;
import dirt.json.JsonObject;
import dirt.match.Requirement;
import dirt.node.NodeName;
import dirt.record.RecordId;
import java.time.Instant;
import java.util.ArrayList;
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
 * <p>Adding a field: add a component here, read it in {@code TaskReader} and write it in {@link #toJson()}.
 */
public record Task(TaskId id, Optional<String> rev, RecordId recordId, TaskName name, Optional<Instant> created,
        Optional<ObjectNode> kwargs, List<Requirement> requires, List<String> after, Optional<String> command,
        Optional<String> check, boolean broadcast, Optional<Instant> started, Optional<Instant> completed, Optional<NodeName> node, Optional<Results> results, TaskOptions options,
        ServeFields serve, ObjectNode document) {
    public static final String TYPE = "task";

    public Task {
        requireNonNull(id, "id is null");
        requireNonNull(rev, "rev is null");
        requireNonNull(recordId, "recordId is null");
        requireNonNull(name, "name is null");
        requireNonNull(created, "created is null");
        kwargs = requireNonNull(kwargs, "kwargs is null").map(ObjectNode::deepCopy);
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
        document = requireNonNull(document, "document is null").deepCopy();
    }

    /** Every problem with a task document, all at once; empty when {@link #fromJson} would succeed. */
    public static List<Problem> validate(JsonNode json) {
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

    /**
     * Parses a task document.
     *
     * @throws InvalidDocumentException listing every problem when the document is not a valid task
     */
    public static Task fromJson(JsonNode json) {
        DocumentReader in = new DocumentReader(json);
        Optional<Task> task = TaskReader.read(in);
        in.throwIfInvalid(TYPE);
        return task.orElseThrow();
    }

    /** {@link TaskStatus#WAITING} until started, then RUNNING until completed, then PASSED, FAILED or CANCELLED by the results. */
    public TaskStatus status() {
        if (completed.isPresent()) {
            if (results.map(r -> r.document().path("cancelled").asBoolean(false)).orElse(false)) {
                return TaskStatus.CANCELLED;
            }
            return results.map(Results::success).orElse(false) ? TaskStatus.PASSED : TaskStatus.FAILED;
        }
        return started.isPresent() ? TaskStatus.RUNNING : TaskStatus.WAITING;
    }

    /** Whether the task runs a shell {@link #command()} rather than the Java task named by {@link #name()}. */
    public boolean isCommand() {
        return command.isPresent();
    }

    @Override
    public Optional<ObjectNode> kwargs() {
        return kwargs.map(ObjectNode::deepCopy);
    }

    /** A deep copy of the document this task was read from, including fields dirt does not know. */
    @Override
    public ObjectNode document() {
        return document.deepCopy();
    }

    /**
     * A copy of one field of the document, a missing node when it has none: cheaper than {@link #document()} for
     * reading fields dirt does not model.
     */
    public JsonNode field(String name) {
        return document.path(requireNonNull(name, "name is null")).deepCopy();
    }

    /** The names of the document's CouchDB attachments ({@code _attachments}). */
    public List<String> attachmentNames() {
        List<String> names = new ArrayList<>();
        document.path("_attachments").fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    /** The document after {@code node} started the task at {@code at}: a running task has no completion or results. */
    public ObjectNode markStarted(NodeName node, Instant at) {
        requireNonNull(node, "node is null");
        requireNonNull(at, "at is null");
        return DocumentWriter.copyOf(toJson())
                .epochSeconds("started", at)
                .string("node", node.value())
                .remove("completed")
                .remove("results")
                .toJson();
    }

    /** The document after the task completed at {@code at} with {@code results}. */
    public ObjectNode markCompleted(Results results, Instant at) {
        requireNonNull(results, "results is null");
        requireNonNull(at, "at is null");
        return DocumentWriter.copyOf(toJson()).epochSeconds("completed", at).json("results", results.toJson()).toJson();
    }

    /**
     * A task document that failed validation, marked completed at {@code at} and failed with a reason listing every
     * problem (also kept as data in {@code results.problems}), so that it shows as failed instead of waiting forever.
     * Works on the raw document because an invalid task cannot be parsed.
     */
    public static ObjectNode markInvalid(ObjectNode original, List<Problem> problems, Instant at) {
        requireNonNull(original, "original is null");
        requireNonNull(at, "at is null");
        if (requireNonNull(problems, "problems is null").isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        ArrayNode details = JsonNodeFactory.instance.arrayNode();
        problems.forEach(p -> details.addObject().put("field", p.field()).put("message", p.message()));
        Results results = Results.failed(invalidReason(problems)).with("problems", details);
        return DocumentWriter.copyOf(original).epochSeconds("completed", at).json("results", results.toJson()).toJson();
    }

    /** E.g. {@code invalid task: name is missing — …; record_id is missing — … — fix the task document …}. */
    static String invalidReason(List<Problem> problems) {
        return "invalid task: " + problems.stream().map(Problem::describe).collect(Collectors.joining("; "))
                + " — fix the task document and add it again";
    }

    /** The document with this task's fields set on a copy of {@link #document()}. */
    public ObjectNode toJson() {
        DocumentWriter out = DocumentWriter.copyOf(document)
                .string("_id", id.value())
                .string("_rev", rev)
                .string("type", TYPE)
                .string("record_id", recordId.value())
                .string("name", name.value())
                .epochSeconds("created", created)
                .json("kwargs", kwargs)
                .string("command", command)
                .string("check", check)
                .epochSeconds("started", started)
                .epochSeconds("completed", completed)
                .string("node", node.map(NodeName::value))
                .json("results", results.map(Results::toJson));
        if (broadcast) {
            out.bool("broadcast", true);
        }
        serve.write(out);
        if (!after.isEmpty()) {
            ArrayNode names = JsonNodeFactory.instance.arrayNode();
            after.forEach(names::add);
            out.json("after", names);
        }
        JsonNode written = document.path("requires");
        boolean keepEmptyRequires = requires.isEmpty() && written.isArray() && written.isEmpty();
        if (!keepEmptyRequires) {
            ArrayNode lines = JsonNodeFactory.instance.arrayNode();
            requires.forEach(r -> lines.add(r.line()));
            out.json("requires", requires.isEmpty() ? Optional.empty() : Optional.of(lines));
        }
        return out.toJson();
    }
}
