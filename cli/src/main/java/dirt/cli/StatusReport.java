package dirt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.task.TaskStatus;
import dirt.task.TaskTally;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The text and JSON forms of {@code dirt status}. */
final class StatusReport {
    private final Clock clock;

    StatusReport(Clock clock) {
        this.clock = clock;
    }

    ObjectNode bareRecord(String id) {
        return JsonNodeFactory.instance.objectNode().put("_id", id);
    }

    /** A record with the counts of its tasks: {@code {"id", "description", "created", "status", "counts", "tasks"}}. */
    ObjectNode recordJson(ObjectNode record, List<ObjectNode> tasks) {
        TaskTally tally = TaskTally.of(tasks);
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("id", record.path("_id").asText());
        if (record.path("description").isTextual()) {
            json.put("description", record.path("description").asText());
        }
        if (record.path("created").isNumber()) {
            json.put("created", epoch(record.path("created")).toString());
        }
        json.put("status", tally.overall().map(TaskLine::word).orElse("empty"));
        ObjectNode counts = json.putObject("counts");
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(TaskLine.word(status), tally.count(status));
        }
        json.put("tasks", tally.total());
        return json;
    }

    void printRecords(List<ObjectNode> records, PrintWriter out) {
        if (records.isEmpty()) {
            out.println("No records yet: post a record and its tasks with 'dirt post FILE' (see test_data.json).");
            return;
        }
        Table table = new Table("RECORD", "CREATED", "STATUS", "PASSED", "FAILED", "RUNNING", "WAITING", "DESCRIPTION");
        for (ObjectNode r : records) {
            JsonNode c = r.path("counts");
            table.row(r.path("id").asText(), r.has("created") ? Times.local(Instant.parse(r.path("created").asText()),
                    clock.getZone()) : "", r.path("status").asText(), c.path("passed").asText(),
                    c.path("failed").asText(), c.path("running").asText(), c.path("waiting").asText(),
                    r.path("description").asText(""));
        }
        table.print(out);
    }

    void printTarget(Target target, List<ObjectNode> tasks, List<TaskLine> lines, PrintWriter out) {
        TaskTally tally = TaskTally.of(tasks);
        if (target.isTask()) {
            String record = lines.isEmpty() ? "" : " of record " + lines.get(0).recordId();
            out.printf("task %s%s: %s%n", target.id(), record, lines.isEmpty() ? "deleted" : lines.get(0).word());
        } else {
            String description = target.record().map(r -> r.path("description").asText("")).orElse("");
            out.printf("record %s%s: %s — %s%n", target.id(), description.isBlank() ? "" : " (" + description + ")",
                    tally.overall().map(TaskLine::word).orElse("no tasks"), tally.describe());
        }
        if (lines.isEmpty()) {
            return;
        }
        Table table = new Table("TASK", "STATUS", "NODE", "STARTED", "TOOK", "ID", "REASON");
        for (TaskLine line : lines) {
            String took = line.started().isPresent() && line.completed().isPresent()
                    ? Times.took(line.started().get(), line.completed().get())
                    : line.started().map(s -> Times.took(s, clock.instant())).orElse("");
            table.row(line.name(), line.word(), line.node().orElse(""), Times.local(line.started(), clock.getZone()),
                    took, line.id(), line.reason().orElse(""));
        }
        table.print(out);
        List<String> pruned = lines.stream().filter(line -> line.filesPruned().isPresent()).map(TaskLine::id).toList();
        if (!pruned.isEmpty()) {
            out.printf("the files of %s were removed by the retention policy ([retention] keep_passed_files); the"
                    + " results stay%n", String.join(", ", pruned));
        }
    }

    private static Instant epoch(JsonNode seconds) {
        long micros = Math.round(seconds.asDouble() * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
