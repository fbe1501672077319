package dirt.serve.writeback;

import dirt.document.DocumentWriter;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.node.NodeName;
import dirt.serve.ServerId;
import dirt.task.Attempt;
import dirt.task.Results;
import dirt.task.ServeFields;
import dirt.task.Task;
import java.time.Duration;
import java.math.BigDecimal;
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
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private Attempts() {
    }

    /** The attempt the document shows, 0 before the first claim. */
    public static int attempt(JsonObject doc) {
        return whole(doc, ATTEMPT).orElse(0);
    }

    /** The slot the document names, when it names one that is a number in the range of an int. */
    public static Optional<Integer> slot(JsonObject doc) {
        return whole(doc, SLOT);
    }

    /** The field's whole part (a fraction cut off) when it is a number in the range of an int. */
    private static Optional<Integer> whole(JsonObject doc, String field) {
        return doc.number(field).map(JsonNumber::value)
                .filter(n -> n.compareTo(INT_MIN) >= 0 && n.compareTo(INT_MAX) <= 0).map(BigDecimal::intValue);
    }

    /** The document claimed for its next attempt by {@code server} on {@code node}, slot {@code slot}. */
    public static JsonObject claimed(Task task, NodeName node, int slot, ServerId server, Instant now) {
        return task.markStarted(node, now).toBuilder().remove(WAITING).remove(RETRY_AT)
                .put(ATTEMPT, attempt(task) + 1).put(SERVER, server.label()).put(SLOT, slot).build();
    }

    /** Whether {@code doc} is still running the attempt {@code attempt} claimed by {@code server}. */
    public static boolean isRunBy(JsonObject doc, ServerId server, int attempt) {
        return !doc.has("completed") && doc.has("started")
                && doc.string(SERVER).filter(server.label()::equals).isPresent() && attempt(doc) == attempt;
    }

    /** How many attempts failed so far (a failure or a timeout; lost and handed-back attempts do not count). */
    public static int failures(JsonObject doc) {
        int failures = 0;
        for (Json entry : doc.array(HISTORY).orElse(JsonArray.EMPTY)) {
            String outcome = entry instanceof JsonObject object ? object.string("outcome").orElse("") : "";
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
    public static JsonObject retried(JsonObject current, Results results, Instant now, Duration delay, int tries) {
        String outcome = results.document().bool("timed_out").orElse(false) ? "timed_out" : "failed";
        String reason = Results.shortReason(results.reason().orElse("failed"));
        JsonObject doc = withHistory(current, outcome, reason, now);
        int failures = failures(doc);
        Instant retryAt = now.plus(delay);
        return DocumentWriter.copyOf(reset(doc)).epochSeconds(RETRY_AT, retryAt)
                .string(WAITING, String.format("try %d of %d failed (%s); tried again from %s", failures, tries, reason,
                        retryAt))
                .build();
    }

    /**
     * The task after its attempt was lost with its node or server: waiting to run again, or failed for good when it
     * has been lost more than {@code maxLost} times (a task that takes its node down must not loop forever).
     */
    public static JsonObject lost(JsonObject current, String reason, Instant now, int maxLost) {
        JsonObject withEntry = withHistory(current, LOST, reason, now);
        int lost = whole(withEntry, LOST).orElse(0) + 1;
        JsonObject doc = withEntry.with(LOST, JsonNumber.of(lost));
        if (lost > maxLost) {
            Results failed = Results.failed(String.format("lost %d times, the last time: %s — dirt stopped running it"
                    + " again ([serve] max_lost = %d); check the task and its nodes, then post it again", lost, reason,
                    maxLost)).with(LOST, JsonBoolean.TRUE);
            return Task.fromJson(reset(doc)).markCompleted(failed, now);
        }
        return reset(doc).with(WAITING, "runs again: " + reason);
    }

    /** The task after its server stopped before it ended: waiting again, on any server. */
    public static JsonObject handedBack(JsonObject current, String why, Instant now) {
        return reset(withHistory(current, "handed_back", why, now)).with(WAITING, "handed back: " + why);
    }

    /** A waiting task that will never run: the user cancelled it. */
    public static JsonObject cancelledBeforeStart(Task current, Instant now) {
        return current.markCompleted(Results.failed("cancelled").with("cancelled", JsonBoolean.TRUE), now);
    }

    private static JsonObject withHistory(JsonObject current, String outcome, String reason, Instant now) {
        JsonObject.Builder entry = JsonObject.builder().put(ATTEMPT, attempt(current));
        for (String field : new String[] {"node", SLOT, SERVER, "started"}) {
            current.get(field).ifPresent(value -> entry.put(field, value));
        }
        entry.put("ended", epochSeconds(now)).put("outcome", outcome).put("reason", reason);
        return current.with(HISTORY, current.array(HISTORY).orElse(JsonArray.EMPTY).with(entry.build()));
    }

    /** {@code at} as {@link DocumentWriter#epochSeconds(String, Instant)} writes it. */
    private static Json epochSeconds(Instant at) {
        return DocumentWriter.empty().epochSeconds("at", at).build().get("at").orElseThrow();
    }

    private static JsonObject reset(JsonObject doc) {
        return doc.toBuilder().remove("started").remove("node").remove(SERVER).remove(SLOT).remove("completed")
                .remove("results").build();
    }
}
