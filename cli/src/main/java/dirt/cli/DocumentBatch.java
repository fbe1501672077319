package dirt.cli;

import dirt.config.CommandSettings;
import dirt.document.DocumentReader;
import dirt.document.Problem;
import dirt.json.JsonObject;
import dirt.record.Record;
import dirt.schedule.Schedule;
import dirt.task.Task;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Documents about to be posted: records, tasks and schedules validated (no other type, no id CouchDB reserves), a
 * missing {@code created} set to now and a missing {@code _id} set to a random one, as CouchDB would. A command task
 * the project would refuse is refused here already.
 */
record DocumentBatch(List<JsonObject> docs, List<String> problems) {
    DocumentBatch {
        docs = List.copyOf(docs);
        problems = List.copyOf(problems);
    }

    /** Checks {@code input}; a task whose command {@code commands} does not allow is a problem too. */
    static DocumentBatch check(List<JsonObject> input, CommandSettings commands, Clock clock) {
        List<JsonObject> docs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstWithId = new HashMap<>();
        long now = clock.instant().getEpochSecond();
        for (int i = 0; i < input.size(); i++) {
            JsonObject.Builder completed = input.get(i).toBuilder();
            String type = Fields.text(input.get(i), "type", "");
            boolean ours = Task.TYPE.equals(type) || Record.TYPE.equals(type);
            if (ours && !completed.has("created")) {
                completed.put("created", now);
            }
            if (ours && !completed.has("_id")) {
                completed.put("_id", UUID.randomUUID().toString().replace("-", ""));
            }
            JsonObject doc = completed.build();
            List<Problem> found = new ArrayList<>(validate(type, doc));
            if (!ours && !Schedule.TYPE.equals(type)) {
                found.add(new Problem("type", "must be \"record\", \"task\" or \"schedule\", got "
                        + (input.get(i).has("type") ? DocumentReader.show(input.get(i).get("type").orElseThrow())
                        : "none") + " — dirt post posts those (nodes come from dirt updatenodes)"));
            }
            doc.id().filter(id -> id.startsWith("_")).ifPresent(id -> found.add(new Problem("_id",
                    "starts with \"_\", which CouchDB keeps for its own documents (_design/, _local/) — choose"
                            + " another id")));
            int index = i;
            doc.id().map(id -> firstWithId.putIfAbsent(id, index)).ifPresent(first -> found.add(new Problem("_id",
                    "is also the _id of docs[" + first + "] — give each document of the batch its own _id")));
            for (Problem problem : found) {
                problems.add(String.format("docs[%d] %s%s: %s", i, type.isEmpty() ? "document" : type, label(doc),
                        problem.describe()));
            }
            Optional<String> refused = Task.TYPE.equals(type) && found.isEmpty() ? commands.refusal(doc)
                    : Optional.empty();
            if (refused.isPresent()) {
                problems.add(String.format("docs[%d] task%s: %s", i, label(doc), refused.get()));
            }
            docs.add(doc);
        }
        return new DocumentBatch(docs, problems);
    }

    private static List<Problem> validate(String type, JsonObject doc) {
        return Task.TYPE.equals(type) ? Task.validate(doc)
                : Record.TYPE.equals(type) ? Record.validate(doc)
                : Schedule.TYPE.equals(type) ? Schedule.validate(doc)
                : List.of();
    }

    private static String label(JsonObject doc) {
        return doc.id().map(id -> " \"" + id + "\"").orElse("");
    }
}
