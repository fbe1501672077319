package dirt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dirt.DirtException;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.ViewQuery;
import dirt.store.couch.ViewRow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Waits until the given tasks are completed, printing a progress line when it changes. */
final class TaskWait {
    private static final Duration POLL = Duration.ofMillis(500);

    private TaskWait() {}

    /** Returns the exit code: 0 when every task passed, 1 when any failed. */
    static int await(CliContext cli, CouchDatabase db, List<String> taskIds, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            List<JsonNode> docs = db.allDocs(ViewQuery.all().keys(taskIds).includeDocs(true)).rows().stream()
                    .map(ViewRow::doc).filter(doc -> doc != null).map(doc -> (JsonNode) doc).toList();
            long done = docs.stream().filter(doc -> doc.has("completed")).count();
            long failed = docs.stream().filter(doc -> doc.has("completed")
                    && !doc.path("results").path("success").asBoolean(false)).count();
            long running = docs.stream().filter(doc -> doc.has("started") && !doc.has("completed")).count();
            String line = String.format("%d/%d done, %d failed, %d running", done, taskIds.size(), failed, running);
            if (!line.equals(last)) {
                cli.out().println(line);
                cli.out().flush();
                last = line;
            }
            if (done == taskIds.size()) {
                docs.stream().filter(doc -> !doc.path("results").path("success").asBoolean(false))
                        .forEach(doc -> cli.err().printf("dirt: task %s (%s) failed: %s%n", doc.path("_id").asText(),
                                doc.path("name").asText(), doc.path("results").path("reason").asText("")));
                return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
            if (System.nanoTime() > deadline) {
                throw new DirtException(String.format("gave up waiting after %d s: %s — is 'dirt serve' running?",
                        timeout.toSeconds(), line));
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
    }
}
