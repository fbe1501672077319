package dirt.task;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.json.Json;
import dirt.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt of a task that did not complete it, as {@code dirt serve} keeps it in the task's {@code history}: its
 * number, the node, slot and server it ran on, when it started and ended, and why it ended ({@code outcome}: failed,
 * timed_out, lost or handed_back; {@code reason}).
 */
public record Attempt(int attempt, Optional<String> node, Optional<Integer> slot, Optional<String> server,
        Optional<Instant> started, Optional<Instant> ended, String outcome, String reason) {
    public Attempt {
        requireNonNull(node, "node is null");
        requireNonNull(slot, "slot is null");
        requireNonNull(server, "server is null");
        requireNonNull(started, "started is null");
        requireNonNull(ended, "ended is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(reason, "reason is null");
    }

    /** Whether an attempt that ended with {@code outcome} counts against {@code tries}: it failed or timed out. */
    public static boolean countsAsFailure(String outcome) {
        return outcome.equals("failed") || outcome.equals("timed_out");
    }

    static Optional<Attempt> read(Json entry, DocumentReader task, String field) {
        DocumentReader in = new DocumentReader(entry);
        int attempt = in.integer("attempt", 0).orElse(0);
        Optional<String> node = in.string("node");
        Optional<Integer> slot = in.integer("slot", 0);
        Optional<String> server = in.string("server");
        Optional<Instant> started = in.epochSeconds("started");
        Optional<Instant> ended = in.epochSeconds("ended");
        String outcome = in.string("outcome").orElse("");
        String reason = in.string("reason").orElse("");
        task.nested(field, in.problems());
        return in.problems().isEmpty()
                ? Optional.of(new Attempt(attempt, node, slot, server, started, ended, outcome, reason))
                : Optional.empty();
    }

    JsonObject toJson() {
        DocumentWriter out = DocumentWriter.empty().integer("attempt", attempt).string("node", node);
        slot.ifPresent(value -> out.integer("slot", value));
        return out.string("server", server)
                .epochSeconds("started", started).epochSeconds("ended", ended).string("outcome", outcome)
                .string("reason", reason).build();
    }
}
