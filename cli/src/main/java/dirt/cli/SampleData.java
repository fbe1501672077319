package dirt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.DirtException;
import dirt.config.CommandSettings;
import dirt.json.JacksonBridge;
import dirt.store.Store;
import dirt.store.Written;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The project's test_data.json, as the quickstart posts it and reports on it. */
final class SampleData {
    private SampleData() {}

    /** Posts the samples (documents already there are left alone); returns the ids of the sample tasks. */
    static List<String> post(CliContext cli, Store store, Path file, CommandSettings commands) {
        List<ObjectNode> docs = new ArrayList<>();
        try {
            new ObjectMapper().readTree(file.toFile()).path("docs").forEach(doc -> docs.add((ObjectNode) doc));
        } catch (IOException e) {
            throw new DirtException("cannot read the sample data " + file + ": " + e.getMessage());
        }
        var batch = DocumentBatch.check(docs, commands, Clock.systemUTC());
        List<Written> results = store.putAll(JacksonBridge.objects(batch.docs()));
        long stored = results.stream().filter(Written::ok).count();
        cli.out().printf("Posted the sample data from %s: %d document(s) stored, %d already there%n",
                file.getFileName(), stored, results.size() - stored);
        return batch.docs().stream().filter(doc -> "task".equals(doc.path("type").asText()))
                .map(doc -> doc.path("_id").asText()).toList();
    }

    static void summary(CliContext cli, Store store, List<String> taskIds) {
        for (String id : taskIds) {
            store.get(id).map(JacksonBridge::tree).ifPresent(doc -> cli.out().printf("  %-20s %-22s %s%n", id,
                    doc.path("name").asText(), status(doc)));
        }
        cli.out().printf("Each task's document holds its results and attachments, e.g.%n  dirt status %s%n",
                taskIds.isEmpty() ? "r123" : taskIds.get(0));
    }

    private static String status(JsonNode doc) {
        if (!doc.has("completed")) {
            return doc.has("started") ? "running" : "waiting: " + doc.path("waiting").asText("");
        }
        JsonNode results = doc.path("results");
        return results.path("success").asBoolean(false) ? "passed on " + TaskLine.of(doc).node().orElse("?")
                : "FAILED: " + results.path("reason").asText("");
    }
}
