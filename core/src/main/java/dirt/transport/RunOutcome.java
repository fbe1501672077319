package dirt.transport;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
public record RunOutcome(ObjectNode result, List<RunAttachment> attachments, Instant started, Instant completed) {
    public RunOutcome {
        requireNonNull(result, "result is null");
        attachments = List.copyOf(attachments);
        requireNonNull(started, "started is null");
        requireNonNull(completed, "completed is null");
    }

    /** Whether the task succeeded: {@code result.success}. */
    public boolean success() {
        return result.path("success").asBoolean(false);
    }

    /** Why the task failed: {@code result.reason}. */
    public Optional<String> reason() {
        JsonNode reason = result.get("reason");
        return reason == null || !reason.isTextual() ? Optional.empty() : Optional.of(reason.asText());
    }

    /**
     * Reads a {@code run} response.
     *
     * @throws TransportException when it is not one
     */
    static RunOutcome fromJson(ObjectNode response, String node) {
        JsonNode result = response.get("result");
        JsonNode attachments = response.get("attachments");
        JsonNode started = response.get("started");
        JsonNode completed = response.get("completed");
        if (result == null || !result.isObject() || attachments == null || !attachments.isArray() || started == null
                || !started.isNumber() || completed == null || !completed.isNumber()) {
            throw malformed(node, "it lacks result, attachments, started or completed");
        }
        List<RunAttachment> files = new ArrayList<>();
        for (JsonNode attachment : attachments) {
            files.add(attachment(attachment, node));
        }
        return new RunOutcome((ObjectNode) result, files, instant(started.asDouble()), instant(completed.asDouble()));
    }

    private static RunAttachment attachment(JsonNode json, String node) {
        JsonNode name = json.get("name");
        JsonNode data = json.get("data");
        if (name == null || !name.isTextual() || data == null || !data.isTextual()) {
            throw malformed(node, "an attachment lacks its name or data");
        }
        JsonNode link = json.get("link_name");
        try {
            return new RunAttachment(name.asText(), link == null || link.isNull() ? Optional.empty()
                    : Optional.of(link.asText()), json.path("content_type").asText("application/octet-stream"),
                    Base64.getDecoder().decode(data.asText()));
        } catch (IllegalArgumentException e) {
            throw malformed(node, "the data of attachment \"" + name.asText() + "\" is not base64");
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
