package dirt.cli;

import dirt.config.CommandSettings;
import dirt.document.Problem;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.node.Node;
import dirt.node.SysInfo;
import dirt.record.Record;
import dirt.retention.PruneReport;
import dirt.schedule.Schedule;
import dirt.task.Task;
import dirt.task.TaskStatus;
import dirt.task.TaskTally;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The core calls the command line makes about documents, now all on {@code dirt.json} (they went through Jackson trees
 * until the core packages moved); what is left here are thin names for them, to be inlined.
 */
final class JacksonCalls {
    private JacksonCalls() {}

    static List<Problem> validateTask(JsonObject doc) {
        return Task.validate(doc);
    }

    static List<Problem> validateRecord(JsonObject doc) {
        return Record.validate(doc);
    }

    static List<Problem> validateSchedule(JsonObject doc) {
        return Schedule.validate(doc);
    }

    static Schedule schedule(JsonObject doc) {
        return Schedule.fromJson(doc);
    }

    static JsonObject json(Schedule schedule) {
        return schedule.json();
    }

    static Optional<String> refusal(CommandSettings commands, JsonObject task) {
        return commands.refusal(task);
    }

    static TaskTally tally(Collection<JsonObject> tasks) {
        return TaskTally.ofDocuments(tasks);
    }

    static TaskStatus statusOf(JsonObject task) {
        return TaskTally.statusOf(task);
    }

    static JsonObject json(Node node) {
        return node.toDocument();
    }

    /** A fact's text, as {@code asText()} gave it: a string's value, a number's digits. */
    static Optional<String> factText(SysInfo facts, String key) {
        return facts.value(key).map(Fields::asText);
    }

    /** A fact that is a number. */
    static Optional<JsonNumber> factNumber(SysInfo facts, String key) {
        return facts.value(key).filter(JsonNumber.class::isInstance).map(JsonNumber.class::cast);
    }

    static JsonObject json(PruneReport report) {
        return report.json();
    }
}
