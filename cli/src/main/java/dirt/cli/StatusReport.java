package dirt.cli;

import dirt.json.JsonNumber;
import dirt.json.JsonObject;
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

    JsonObject bareRecord(String id) {
        return JsonObject.builder().put("_id", id).build();
    }

    /** A record with the counts of its tasks: {@code {"id", "description", "created", "status", "counts", "tasks"}}. */
    JsonObject recordJson(JsonObject record, List<JsonObject> tasks) {
        TaskTally tally = TaskTally.ofDocuments(tasks);
        JsonObject.Builder json = JsonObject.builder().put("id", Fields.text(record, "_id"));
        record.string("description").ifPresent(description -> json.put("description", description));
        record.number("created").ifPresent(created -> json.put("created", epoch(created).toString()));
        json.put("status", tally.overall().map(TaskLine::word).orElse("empty"));
        JsonObject.Builder counts = JsonObject.builder();
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(TaskLine.word(status), tally.count(status));
        }
        return json.put("counts", counts.build()).put("tasks", tally.total()).build();
    }

    void printRecords(List<JsonObject> records, PrintWriter out) {
        if (records.isEmpty()) {
            out.println("No records yet: post a record and its tasks with 'dirt post FILE' (see test_data.json).");
            return;
        }
        Table table = new Table("RECORD", "CREATED", "STATUS", "PASSED", "FAILED", "RUNNING", "WAITING", "DESCRIPTION");
        for (JsonObject r : records) {
            JsonObject c = Fields.object(r, "counts");
            table.row(Fields.text(r, "id"), r.has("created") ? Times.local(Instant.parse(Fields.text(r, "created")),
                    clock.getZone()) : "", Fields.text(r, "status"), Fields.text(c, "passed"),
                    Fields.text(c, "failed"), Fields.text(c, "running"), Fields.text(c, "waiting"),
                    Fields.text(r, "description", ""));
        }
        table.print(out);
    }

    void printTarget(Target target, List<JsonObject> tasks, List<TaskLine> lines, PrintWriter out) {
        TaskTally tally = TaskTally.ofDocuments(tasks);
        if (target.isTask()) {
            String record = lines.isEmpty() ? "" : " of record " + lines.get(0).recordId();
            out.printf("task %s%s: %s%n", target.id(), record, lines.isEmpty() ? "deleted" : lines.get(0).word());
        } else {
            String description = target.record().map(r -> Fields.text(r, "description", "")).orElse("");
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

    private static Instant epoch(JsonNumber seconds) {
        long micros = Math.round(seconds.doubleValue() * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
