package dirt.schedule;

import dirt.document.DocumentWriter;
import dirt.json.JsonObject;
import dirt.record.Record;
import dirt.task.Task;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The record and tasks one run of a schedule creates. Their ids follow from the schedule's name and the time the run
 * was due ({@code nightly-20240501T020000Z}, its tasks {@code nightly-20240501T020000Z-1}, ...), so that writing a
 * run twice (two servers, or a retry) creates it once. Each document carries {@code schedule: NAME}; the record also
 * {@code scheduled_for}, the time the run was due.
 */
final class RunDocuments {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private RunDocuments() {}

    static String recordId(String scheduleName, Instant run) {
        return scheduleName + "-" + STAMP.format(run);
    }

    static String taskId(String recordId, int index) {
        return recordId + "-" + (index + 1);
    }

    /** The record, then its tasks, of the run due at {@code run} that fired at {@code fired}. */
    static List<JsonObject> of(Schedule schedule, Instant run, Instant fired) {
        String recordId = recordId(schedule.name(), run);
        List<JsonObject> docs = new ArrayList<>();
        JsonObject template = schedule.record();
        DocumentWriter record = DocumentWriter.copyOf(template).string("_id", recordId).string("type", Record.TYPE)
                .epochSeconds("created", fired).string("schedule", schedule.name()).epochSeconds("scheduled_for", run);
        if (template.string("description").isEmpty()) {
            record.string("description", schedule.name() + ": the run due " + DateTimeFormatter.ISO_INSTANT.format(run));
        }
        docs.add(record.build());
        List<JsonObject> tasks = schedule.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            docs.add(DocumentWriter.copyOf(tasks.get(i)).string("_id", taskId(recordId, i)).string("type", Task.TYPE)
                    .string("record_id", recordId).epochSeconds("created", fired).string("schedule", schedule.name())
                    .build());
        }
        return docs;
    }
}
