package dirt.cli;

import dirt.DirtException;
import dirt.config.CommandSettings;
import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.store.Store;
import dirt.store.Written;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The project's test_data.json, as the quickstart posts it and reports on it. */
final class SampleData {
    private SampleData() {}

    /** Posts the samples (documents already there are left alone); returns the ids of the sample tasks. */
    static List<String> post(CliContext cli, Store store, Path file, CommandSettings commands) {
        List<JsonObject> docs = new ArrayList<>();
        try {
            Json root = Json.parse(Files.readAllBytes(file));
            if (root instanceof JsonObject object) {
                object.array("docs").ifPresent(array -> array.forEach(doc -> docs.add((JsonObject) doc)));
            }
        } catch (IOException | DirtException e) {
            throw new DirtException("cannot read the sample data " + file + ": " + e.getMessage());
        }
        var batch = DocumentBatch.check(docs, commands, Clock.systemUTC());
        List<Written> results = store.putAll(batch.docs());
        long stored = results.stream().filter(Written::ok).count();
        cli.out().printf("Posted the sample data from %s: %d document(s) stored, %d already there%n",
                file.getFileName(), stored, results.size() - stored);
        return batch.docs().stream().filter(doc -> "task".equals(Fields.text(doc, "type")))
                .map(doc -> Fields.text(doc, "_id")).toList();
    }

    static void summary(CliContext cli, Store store, List<String> taskIds) {
        for (String id : taskIds) {
            store.get(id).ifPresent(doc -> cli.out().printf("  %-20s %-22s %s%n", id, Fields.text(doc, "name"),
                    status(doc)));
        }
        cli.out().printf("Each task's document holds its results and attachments, e.g.%n  dirt status %s%n",
                taskIds.isEmpty() ? "r123" : taskIds.get(0));
    }

    private static String status(JsonObject doc) {
        if (!doc.has("completed")) {
            return doc.has("started") ? "running" : "waiting: " + Fields.text(doc, "waiting", "");
        }
        JsonObject results = Fields.object(doc, "results");
        return results.bool("success").orElse(false) ? "passed on " + TaskLine.of(doc).node().orElse("?")
                : "FAILED: " + Fields.text(results, "reason", "");
    }
}
