package dirt.notify;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.json.Json;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
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
record Claim(JsonNumber key, Kind kind, Optional<String> previous, State state, String by, String run, Instant at,
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
    static Optional<Claim> of(JsonObject doc) {
        Optional<JsonObject> found = doc.object(FIELD);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonObject json = found.get();
        Optional<Kind> kind = Kind.fromWord(text(json, "kind"));
        Optional<State> state = stateOf(text(json, "state"));
        Optional<Instant> at = new DocumentReader(json).epochSeconds("at");
        Optional<JsonNumber> key = json.number(keyField(kind.orElse(Kind.FAILED)));
        Optional<String> by = json.string("by");
        Optional<String> run = json.string("run");
        if (kind.isEmpty() || state.isEmpty() || at.isEmpty() || key.isEmpty() || by.isEmpty() || run.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> channels = new LinkedHashMap<>();
        json.object("channels").ifPresent(outcomes -> outcomes.fields()
                .forEach((channel, outcome) -> channels.put(channel, text(outcome))));
        return Optional.of(new Claim(key.get(), kind.get(), json.string("previous"), state.get(), by.get(), run.get(),
                at.get(), channels));
    }

    /** Whether this claim is about the completion (or record size) {@code key}. */
    boolean isFor(JsonNumber other) {
        return key.equals(other);
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
    JsonObject applyTo(JsonObject doc) {
        return doc.with(FIELD, json());
    }

    JsonObject json() {
        JsonObject.Builder json = JsonObject.builder().put(keyField(kind), key).put("kind", kind.word());
        previous.ifPresent(id -> json.put("previous", id));
        json.put("state", state.name().toLowerCase(Locale.ROOT)).put("by", by).put("run", run);
        JsonObject.Builder outcomes = JsonObject.builder();
        channels.forEach(outcomes::put);
        return DocumentWriter.copyOf(json.build()).epochSeconds("at", at).json("channels", outcomes.build()).build();
    }

    /**
     * The key as text, as claims name a previous one: a whole number in digits, any other as the nearest
     * {@code double} prints ({@code 1.7000000005E9}).
     */
    String keyText() {
        return key.isIntegral() ? key.value().toPlainString() : Double.toString(key.doubleValue());
    }

    /** A field's text: a string as it is, another value as its JSON text; empty when missing. */
    private static String text(JsonObject json, String field) {
        return json.get(field).map(Claim::text).orElse("");
    }

    private static String text(Json value) {
        return value instanceof JsonString string ? string.value() : value.toString();
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
