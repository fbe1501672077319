package dirt.serve.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentWriter;
import dirt.json.JacksonBridge;
import dirt.json.JsonBoolean;
import dirt.node.NodeName;
import dirt.serve.ServerId;
import dirt.task.Attempt;
import dirt.task.Results;
import dirt.task.ServeFields;
import dirt.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The task document through its attempts. A claim numbers the attempt ({@code attempt}) and names the server and
 * slot; every later write by that server applies only while the document still shows that attempt ({@link #isRunBy}),
 * so a run that was given up (its server lost the slot, or it was handed back) never writes over a newer one. An
 * attempt that does not complete the task leaves an entry in {@code history} ({@code attempt}, {@code node},
 * {@code server}, {@code started}, {@code ended}, {@code outcome}: failed, timed_out, lost or handed_back,
 * {@code reason}) and the task waits again: at once, or from {@code retry_at} after a failure.
 */
public final class Attempts {
    public static final String ATTEMPT = ServeFields.ATTEMPT;
    public static final String SERVER = ServeFields.SERVER;
    public static final String SLOT = ServeFields.SLOT;
    public static final String HISTORY = ServeFields.HISTORY;
    static final String RETRY_AT = ServeFields.RETRY_AT;
    static final String LOST = ServeFields.LOST;
    public static final String WAITING = ServeFields.WAITING;

    private Attempts() {
    }

    /** The attempt the document shows, 0 before the first claim. */
    public static int attempt(JsonNode doc) {
        return doc.path(ATTEMPT).asInt(0);
    }

    /** The document claimed for its next attempt by {@code server} on {@code node}, slot {@code slot}. */
    public static ObjectNode claimed(Task task, NodeName node, int slot, ServerId server, Instant now) {
        ObjectNode doc = JacksonBridge.tree(task.markStarted(node, now));
        doc.remove(WAITING);
        doc.remove(RETRY_AT);
        return doc.put(ATTEMPT, attempt(task) + 1).put(SERVER, server.label()).put(SLOT, slot);
    }

    /** Whether {@code doc} is still running the attempt {@code attempt} claimed by {@code server}. */
    public static boolean isRunBy(JsonNode doc, ServerId server, int attempt) {
        return !doc.has("completed") && doc.has("started") && server.label().equals(doc.path(SERVER).asText())
                && attempt(doc) == attempt;
    }

    /** How many attempts failed so far (a failure or a timeout; lost and handed-back attempts do not count). */
    public static int failures(JsonNode doc) {
        int failures = 0;
        for (JsonNode entry : doc.path(HISTORY)) {
            String outcome = entry.path("outcome").asText();
            failures += Attempt.countsAsFailure(outcome) ? 1 : 0;
        }
        return failures;
    }

    /** The attempt a task shows, 0 before its first claim. */
    public static int attempt(Task task) {
        return task.serve().attempt();
    }

    /** When a task that failed may run again, if it waits for that. */
    public static Optional<Instant> retryAt(Task task) {
        return task.serve().retryAt();
    }

    /** The task after a failed attempt, waiting to run again from {@code now + delay}. */
    public static ObjectNode retried(ObjectNode current, Results results, Instant now, Duration delay, int tries) {
        String outcome = results.document().bool("timed_out").orElse(false) ? "timed_out" : "failed";
        String reason = results.reason().orElse("failed");
        ObjectNode doc = withHistory(current, outcome, reason, now);
        int failures = failures(doc);
        Instant retryAt = now.plus(delay);
        return DocumentWriter.copyOf(reset(doc)).epochSeconds(RETRY_AT, retryAt)
                .string(WAITING, String.format("try %d of %d failed (%s); tried again from %s", failures, tries, reason,
                        retryAt))
                .toJson();
    }

    /**
     * The task after its attempt was lost with its node or server: waiting to run again, or failed for good when it
     * has been lost more than {@code maxLost} times (a task that takes its node down must not loop forever).
     */
    public static ObjectNode lost(ObjectNode current, String reason, Instant now, int maxLost) {
        ObjectNode doc = withHistory(current, LOST, reason, now);
        int lost = doc.path(LOST).asInt(0) + 1;
        doc.put(LOST, lost);
        if (lost > maxLost) {
            Results failed = Results.failed(String.format("lost %d times, the last time: %s — dirt stopped running it"
                    + " again ([serve] max_lost = %d); check the task and its nodes, then post it again", lost, reason,
                    maxLost)).with(LOST, JsonBoolean.TRUE);
            return JacksonBridge.tree(Task.fromJson(JacksonBridge.object(reset(doc))).markCompleted(failed, now));
        }
        return DocumentWriter.copyOf(reset(doc)).string(WAITING, "runs again: " + reason).toJson();
    }

    /** The task after its server stopped before it ended: waiting again, on any server. */
    public static ObjectNode handedBack(ObjectNode current, String why, Instant now) {
        return DocumentWriter.copyOf(reset(withHistory(current, "handed_back", why, now)))
                .string(WAITING, "handed back: " + why).toJson();
    }

    /** A waiting task that will never run: the user cancelled it. */
    public static ObjectNode cancelledBeforeStart(Task current, Instant now) {
        return JacksonBridge.tree(current.markCompleted(Results.failed("cancelled").with("cancelled", JsonBoolean.TRUE),
                now));
    }

    private static ObjectNode withHistory(ObjectNode current, String outcome, String reason, Instant now) {
        ObjectNode doc = current.deepCopy();
        ArrayNode history = doc.path(HISTORY).isArray() ? (ArrayNode) doc.get(HISTORY) : doc.putArray(HISTORY);
        ObjectNode entry = history.addObject().put(ATTEMPT, attempt(doc));
        for (String field : new String[] {"node", SLOT, SERVER, "started"}) {
            if (doc.has(field)) {
                entry.set(field, doc.get(field));
            }
        }
        entry.set("ended", DocumentWriter.epochSeconds(now));
        entry.put("outcome", outcome).put("reason", reason);
        return doc;
    }

    private static ObjectNode reset(ObjectNode doc) {
        return DocumentWriter.copyOf(doc).remove("started").remove("node").remove(SERVER).remove(SLOT)
                .remove("completed").remove("results").toJson();
    }
}
