package dirt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.Written;
import java.util.List;

/** Prints what a batch write did with each posted document. */
record BulkReport(List<Written> results, List<ObjectNode> docs) {
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
            String type = i < docs.size() ? docs.get(i).path("type").asText("document") : "document";
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
        var mapper = new ObjectMapper();
        ArrayNode out = mapper.createArrayNode();
        for (Written result : results) {
            ObjectNode row = out.addObject().put("id", result.id()).put("ok", result.ok());
            if (result.ok()) {
                row.put("rev", result.rev().orElseThrow());
            } else {
                row.put("error", result.error().orElseThrow()).put("reason", result.reason().orElse(null));
            }
        }
        cli.out().println(out.toPrettyString());
    }
}
