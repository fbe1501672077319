package dirt.cli;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.json.PrettyJson;
import dirt.store.Written;
import java.util.ArrayList;
import java.util.List;

/** Prints what a batch write did with each posted document. */
record BulkReport(List<Written> results, List<JsonObject> docs) {
    BulkReport {
        results = List.copyOf(results);
        docs = List.copyOf(docs);
    }

    int print(CliContext cli, boolean json) {
        long failed = results.stream().filter(r -> !r.ok()).count();
        if (json) {
            printJson(cli);
        } else {
            printText(cli, failed);
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void printText(CliContext cli, long failed) {
        for (int i = 0; i < results.size(); i++) {
            Written result = results.get(i);
            String type = i < docs.size() ? Fields.text(docs.get(i), "type", "document") : "document";
            if (result.ok()) {
                cli.out().printf("stored %s %s (rev %s)%n", type, result.id(), result.rev().orElseThrow());
            } else if (result.conflict()) {
                cli.err().printf(
                        "dirt: not stored: %s %s already exists with other content (conflict) — give it another _id,"
                                + " or include its current _rev to update it%n",
                        type, result.id());
            } else {
                cli.err().printf("dirt: not stored: %s %s: %s: %s%n", type, result.id(), result.error().orElseThrow(),
                        result.reason().orElse(null));
            }
        }
        cli.out().printf("%d stored, %d not stored%n", results.size() - failed, failed);
    }

    private void printJson(CliContext cli) {
        List<Json> out = new ArrayList<>();
        for (Written result : results) {
            JsonObject.Builder row = JsonObject.builder().put("id", result.id()).put("ok", result.ok());
            if (result.ok()) {
                row.put("rev", result.rev().orElseThrow());
            } else {
                row.put("error", result.error().orElseThrow())
                        .put("reason", result.reason().<Json>map(JsonString::new).orElse(JsonNull.NULL));
            }
            out.add(row.build());
        }
        cli.out().println(PrettyJson.text(new JsonArray(out)));
    }
}
