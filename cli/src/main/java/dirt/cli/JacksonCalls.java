package dirt.cli;

import dirt.config.CommandSettings;
import dirt.document.Problem;
import dirt.json.JacksonBridge;
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
 * TEMPORARY: the core methods the command line calls that still take or give Jackson trees, each converted here with
 * {@link JacksonBridge} so that the rest of {@code dirt.cli} sees only {@code dirt.json}. Each goes when its package
 * speaks {@code JsonObject}: {@code dirt.task} ({@link TaskTally}, {@link Task#validate}), {@code dirt.record},
 * {@code dirt.schedule}, {@code dirt.config} ({@link CommandSettings#refusal}), {@code dirt.node} ({@link Node#toJson},
 * {@link SysInfo#fact}) and {@code dirt.retention} ({@link PruneReport#toJson}).
 */
final class JacksonCalls {
    private JacksonCalls() {}

    static List<Problem> validateTask(JsonObject doc) {
        return Task.validate(JacksonBridge.tree(doc));
    }

    static List<Problem> validateRecord(JsonObject doc) {
        return Record.validate(JacksonBridge.tree(doc));
    }

    static List<Problem> validateSchedule(JsonObject doc) {
        return Schedule.validate(JacksonBridge.tree(doc));
    }

    static Schedule schedule(JsonObject doc) {
        return Schedule.fromJson(JacksonBridge.tree(doc));
    }

    static JsonObject json(Schedule schedule) {
        return JacksonBridge.object(schedule.toJson());
    }

    static Optional<String> refusal(CommandSettings commands, JsonObject task) {
        return commands.refusal(JacksonBridge.tree(task));
    }

    static TaskTally tally(Collection<JsonObject> tasks) {
        return TaskTally.of(JacksonBridge.trees(tasks));
    }

    static TaskStatus statusOf(JsonObject task) {
        return TaskTally.statusOf(JacksonBridge.tree(task));
    }

    static JsonObject json(Node node) {
        return JacksonBridge.object(node.toJson());
    }

    /** A fact's text, as {@code asText()} gave it: a string's value, a number's digits. */
    static Optional<String> factText(SysInfo facts, String key) {
        return facts.fact(key).map(JacksonBridge::value).map(Fields::asText);
    }

    /** A fact that is a number. */
    static Optional<JsonNumber> factNumber(SysInfo facts, String key) {
        return facts.fact(key).map(JacksonBridge::value).filter(JsonNumber.class::isInstance).map(JsonNumber.class::cast);
    }

    static JsonObject json(PruneReport report) {
        return JacksonBridge.object(report.toJson());
    }
}
