package dirt.cli;

import dirt.json.JsonObject;
import dirt.record.Record;
import dirt.task.Task;
import java.util.List;
import java.util.Optional;

/**
 * What an id given to {@code status} or {@code wait} names: a record and its tasks, or one task. A record id works
 * even when only its tasks were posted, without a record document.
 */
record Target(String id, Optional<JsonObject> record, boolean isTask) {
    /** The record or task {@code id}, or empty when the database has neither. */
    static Optional<Target> resolve(TaskLookup lookup, String id) {
        Optional<JsonObject> doc = lookup.document(id);
        String type = doc.map(d -> Fields.text(d, "type", "")).orElse("");
        if (Task.TYPE.equals(type)) {
            return Optional.of(new Target(id, Optional.empty(), true));
        }
        if (Record.TYPE.equals(type)) {
            return Optional.of(new Target(id, doc, false));
        }
        if (doc.isEmpty() && !lookup.tasksOf(id).isEmpty()) {
            return Optional.of(new Target(id, Optional.empty(), false));
        }
        return Optional.empty();
    }

    /** The message for an id that names nothing. */
    static String notFound(String id, String database) {
        return String.format("no record or task with id \"%s\" in database \"%s\" — list the newest records with"
                + " 'dirt status', or check --db and --project", id, database);
    }

    /** The target's tasks as they are now: the record's (by name), or the one task (none if it was deleted). */
    List<JsonObject> tasks(TaskLookup lookup) {
        return isTask ? lookup.document(id).stream().toList() : lookup.tasksOf(id);
    }
}
