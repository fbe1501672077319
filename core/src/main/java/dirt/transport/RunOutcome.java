package dirt.transport;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What the agent answered to {@code run}: the task's {@code result} ({@code success}, {@code reason} when it failed,
 * the task's own values, and the agent's notes such as {@code exit_code}, {@code timed_out}, {@code stack_trace},
 * {@code truncated}, {@code skipped_files}; see PROTOCOL.md), its attachments, and when it started and completed on
 * the node.
 */
public record RunOutcome(JsonObject result, List<RunAttachment> attachments, Instant started, Instant completed) {
    public RunOutcome {
        requireNonNull(result, "result is null");
        attachments = List.copyOf(attachments);
        requireNonNull(started, "started is null");
        requireNonNull(completed, "completed is null");
    }

    /** Whether the task succeeded: {@code result.success}. */
    public boolean success() {
        return result.bool("success").orElse(false);
    }

    /** Why the task failed: {@code result.reason}. */
    public Optional<String> reason() {
        return result.string("reason");
    }

    /**
     * Reads a {@code run} response.
     *
     * @throws TransportException when it is not one
     */
    static RunOutcome fromJson(JsonObject response, String node) {
        Optional<JsonObject> result = response.object("result");
        Optional<JsonArray> attachments = response.array("attachments");
        Optional<JsonNumber> started = response.number("started");
        Optional<JsonNumber> completed = response.number("completed");
        if (result.isEmpty() || attachments.isEmpty() || started.isEmpty() || completed.isEmpty()) {
            throw malformed(node, "it lacks result, attachments, started or completed");
        }
        List<RunAttachment> files = new ArrayList<>();
        for (Json attachment : attachments.get()) {
            files.add(attachment(attachment, node));
        }
        return new RunOutcome(result.get(), files, instant(started.get().doubleValue()),
                instant(completed.get().doubleValue()));
    }

    private static RunAttachment attachment(Json json, String node) {
        JsonObject attachment = json instanceof JsonObject object ? object : JsonObject.EMPTY;
        Optional<String> name = attachment.string("name");
        Optional<String> data = attachment.string("data");
        if (name.isEmpty() || data.isEmpty()) {
            throw malformed(node, "an attachment lacks its name or data");
        }
        try {
            return new RunAttachment(name.get(), attachment.string("link_name"),
                    attachment.string("content_type").orElse("application/octet-stream"),
                    Base64.getDecoder().decode(data.get()));
        } catch (IllegalArgumentException e) {
            throw malformed(node, "the data of attachment \"" + name.get() + "\" is not base64");
        }
    }

    private static TransportException malformed(String node, String problem) {
        return new TransportException(String.format("dirt agent on %s answered run with a malformed response: %s — run"
                + " the same version of dirt everywhere", node, problem));
    }

    /** Epoch seconds with a fraction as an instant, to the microsecond. */
    static Instant instant(double epochSeconds) {
        long seconds = (long) Math.floor(epochSeconds);
        long micros = Math.round((epochSeconds - seconds) * 1e6);
        return Instant.ofEpochSecond(seconds, micros * 1000);
    }
}
