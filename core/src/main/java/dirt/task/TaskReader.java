package dirt.task;

import dirt.document.DocumentReader;
import dirt.document.InputLimits;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.match.Requirement;
import dirt.match.RequirementSyntaxException;
import dirt.node.NodeName;
import dirt.record.RecordId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a task document field by field, collecting every problem; one code path for parsing and validation. */
final class TaskReader {
    private TaskReader() {
    }

    static Optional<Task> read(DocumentReader in) {
        Optional<String> id = in.requiredString("_id", "give the task a unique id");
        Optional<String> rev = in.string("_rev");
        in.expectType(Task.TYPE);
        Optional<String> recordId = in.requiredString("record_id",
                "set it to the _id of the record the task belongs to");
        Optional<String> name = in.requiredString("name",
                "set it to the task to run, e.g. \"examples.simple\", or to a label for the task's command");
        Optional<Instant> created = in.epochSeconds("created");
        Optional<JsonObject> kwargs = in.object("kwargs");
        kwargs.ifPresent(value -> InputLimits.check(in, "kwargs", value));
        List<Requirement> requires = requires(in);
        List<String> after = after(in);
        Optional<String> command = command(in);
        Optional<String> check = check(in, command.isPresent());
        boolean broadcast = in.bool("broadcast").orElse(false);
        Optional<Instant> started = in.epochSeconds("started");
        Optional<Instant> completed = in.epochSeconds("completed");
        Optional<NodeName> node = node(in);
        Optional<Results> results = in.object("results").map(Results::fromJson);
        TaskOptions options = new TaskOptions(in.seconds("timeout", false), in.integer("tries", 1),
                in.seconds("retry_delay", true), in.bool("cancel").orElse(false));
        ServeFields serve = ServeFields.read(in);
        if (!in.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Task(new TaskId(id.orElseThrow()), rev, new RecordId(recordId.orElseThrow()),
                new TaskName(name.orElseThrow()), created, kwargs, requires, after, command, check, broadcast, started, completed, node,
                results, options, serve, in.document()));
    }

    private static List<Requirement> requires(DocumentReader in) {
        Optional<JsonArray> lines = in.array("requires", "a list of strings like \"architecture is x86_64\"");
        List<Requirement> requires = new ArrayList<>();
        for (int i = 0; lines.isPresent() && i < lines.get().size(); i++) {
            Json line = lines.get().get(i);
            String field = "requires[" + i + "]";
            if (!(line instanceof JsonString text)) {
                in.problem(field, "must be a string, got " + DocumentReader.show(line));
                continue;
            }
            try {
                requires.add(Requirement.parse(text.value()));
            } catch (RequirementSyntaxException e) {
                in.problem(field, DocumentReader.quote(e.line()) + ": " + e.reason());
            }
        }
        return requires;
    }

    private static List<String> after(DocumentReader in) {
        Optional<JsonArray> entries = in.array("after", "a list of names or _ids of tasks of the same record, like"
                + " [\"build\", \"lint\"]");
        List<String> after = new ArrayList<>();
        for (int i = 0; entries.isPresent() && i < entries.get().size(); i++) {
            Json entry = entries.get().get(i);
            if (!(entry instanceof JsonString text) || text.value().isBlank()) {
                in.problem("after[" + i + "]", "must be the name or _id of a task of the same record, got "
                        + DocumentReader.show(entry));
            } else {
                after.add(text.value());
            }
        }
        return after;
    }

    private static Optional<String> check(DocumentReader in, boolean command) {
        Optional<String> check = in.string("check");
        if (check.isPresent() && check.get().isBlank()) {
            in.problem("check", "is blank — set it to a command that exits 0 when the work is already done");
            return Optional.empty();
        }
        if (check.isPresent() && !command && in.field("command").isEmpty()) {
            in.problem("check", "is for command tasks — a Java task overrides check(TaskContext) in its class instead");
            return Optional.empty();
        }
        return check;
    }

    private static Optional<String> command(DocumentReader in) {
        Optional<String> command = in.string("command");
        if (command.isPresent() && command.get().isBlank()) {
            in.problem("command", "is blank — set it to a shell command line, or remove it to run the task named by name");
            return Optional.empty();
        }
        return command;
    }

    private static Optional<NodeName> node(DocumentReader in) {
        Optional<String> node = in.string("node");
        Optional<String> problem = node.flatMap(NodeName::problemWith);
        problem.ifPresent(p -> in.problem("node", p));
        return problem.isPresent() ? Optional.empty() : node.map(NodeName::new);
    }
}
