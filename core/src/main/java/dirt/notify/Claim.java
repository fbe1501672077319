package dirt.notify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code notified} field a notifier writes onto a task document (or, for a record summary, the record document;
 * for news about a node, the node document) before it sends: which completion it is about ({@code completed};
 * {@code tasks}, the number of tasks, for a summary; {@code event_at}, the time of the newest event told, for a node),
 * the {@code kind} of message, the {@code previous} task of the name (for a node, the previous claim's
 * {@code event_at}), who claimed it ({@code by}, the
 * server name, and {@code run}, one per start) and {@code at}, the {@code state} ({@code sending}, then {@code sent}
 * or {@code failed}) and each channel's outcome ({@code "sent"} or {@code "failed: why"}).
 */
record Claim(JsonNode key, Kind kind, Optional<String> previous, State state, String by, String run, Instant at,
        Map<String, String> channels) {
    static final String FIELD = "notified";
    static final String SENT = "sent";

    enum State { SENDING, SENT, FAILED }

    Claim {
        requireNonNull(key, "key is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(previous, "previous is null");
        requireNonNull(state, "state is null");
        requireNonNull(by, "by is null");
        requireNonNull(run, "run is null");
        requireNonNull(at, "at is null");
        channels = Map.copyOf(requireNonNull(channels, "channels is null"));
    }

    /** The claim on {@code doc}, if it has a readable one. */
    static Optional<Claim> of(ObjectNode doc) {
        JsonNode json = doc.path(FIELD);
        Optional<Kind> kind = Kind.fromWord(json.path("kind").asText());
        Optional<State> state = stateOf(json.path("state").asText());
        Optional<Instant> at = json.isObject() ? DocumentReader.epochSecondsIn(json, "at") : Optional.empty();
        JsonNode key = json.path(keyField(kind.orElse(Kind.FAILED)));
        if (kind.isEmpty() || state.isEmpty() || at.isEmpty() || !key.isNumber() || !json.path("by").isTextual()
                || !json.path("run").isTextual()) {
            return Optional.empty();
        }
        Map<String, String> channels = new LinkedHashMap<>();
        json.path("channels").fields().forEachRemaining(e -> channels.put(e.getKey(), e.getValue().asText()));
        JsonNode previous = json.path("previous");
        return Optional.of(new Claim(key, kind.get(), previous.isTextual() ? Optional.of(previous.textValue())
                : Optional.empty(), state.get(), json.get("by").textValue(), json.get("run").textValue(), at.get(),
                channels));
    }

    /** Whether this claim is about the completion (or record size) {@code key}. */
    boolean isFor(JsonNode other) {
        return other.isNumber() && key.decimalValue().compareTo(other.decimalValue()) == 0;
    }

    /** Whether {@code channel} got the message already. */
    boolean sentTo(String channel) {
        return SENT.equals(channels.get(channel));
    }

    Claim withChannels(Map<String, String> outcomes, State newState) {
        Map<String, String> merged = new LinkedHashMap<>(channels);
        merged.putAll(outcomes);
        return new Claim(key, kind, previous, newState, by, run, at, merged);
    }

    /** This claim taken over by another run. */
    Claim takenOverBy(String newBy, String newRun, Instant newAt) {
        return new Claim(key, kind, previous, State.SENDING, newBy, newRun, newAt, channels);
    }

    /** A copy of {@code doc} carrying this claim. */
    ObjectNode applyTo(ObjectNode doc) {
        return DocumentWriter.copyOf(doc).json(FIELD, toJson()).toJson();
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set(keyField(kind), key);
        json.put("kind", kind.word());
        previous.ifPresent(id -> json.put("previous", id));
        json.put("state", state.name().toLowerCase(Locale.ROOT)).put("by", by).put("run", run);
        json.set("at", DocumentWriter.epochSeconds(at));
        ObjectNode outcomes = json.putObject("channels");
        channels.forEach(outcomes::put);
        return json;
    }

    private static String keyField(Kind kind) {
        if (kind.aboutNode()) {
            return "event_at";
        }
        return kind == Kind.RECORD_SUMMARY ? "tasks" : "completed";
    }

    private static Optional<State> stateOf(String word) {
        for (State state : State.values()) {
            if (state.name().equalsIgnoreCase(word)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
