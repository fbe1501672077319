package dirt.document;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonBoolean;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds an updated document from the original ({@link #copyOf(JsonObject)}), setting or removing only the fields the
 * caller owns, so that every other field (users add their own, such as {@code "platform": "linux"}) survives, in the
 * order written; {@link #build()} gives it as dirt's JSON. The original, immutable, is never changed.
 */
public final class DocumentWriter {
    private final Map<String, Json> fields;

    private DocumentWriter(Map<String, Json> fields) {
        this.fields = fields;
    }

    /** Starts from {@code original}'s fields. */
    public static DocumentWriter copyOf(JsonObject original) {
        return new DocumentWriter(new LinkedHashMap<>(requireNonNull(original, "original is null").fields()));
    }

    /** Starts from an empty document. */
    public static DocumentWriter empty() {
        return new DocumentWriter(new LinkedHashMap<>());
    }

    public DocumentWriter string(String field, String value) {
        return json(field, new JsonString(requireNonNull(value, "value is null")));
    }

    /** Sets the field, or removes it when {@code value} is empty. */
    public DocumentWriter string(String field, Optional<String> value) {
        return json(field, value.map(JsonString::new));
    }

    public DocumentWriter bool(String field, boolean value) {
        return json(field, JsonBoolean.of(value));
    }

    public DocumentWriter integer(String field, int value) {
        return json(field, JsonNumber.of(value));
    }

    /** Sets the field, keeping the number already there when it is the same time, as written. */
    public DocumentWriter epochSeconds(String field, Instant value) {
        requireNonNull(value, "value is null");
        boolean same = fields.get(field) instanceof JsonNumber
                && new DocumentReader(JsonObject.of(Map.of(field, fields.get(field)))).epochSeconds(field)
                        .filter(value::equals).isPresent();
        return same ? this : json(field, epochSeconds(value));
    }

    /** Sets the field (see {@link #epochSeconds(String, Instant)}), or removes it when {@code value} is empty. */
    public DocumentWriter epochSeconds(String field, Optional<Instant> value) {
        value.ifPresentOrElse(v -> epochSeconds(field, v), () -> remove(field));
        return this;
    }

    /** Sets the field to dirt's JSON {@code value}. */
    public DocumentWriter json(String field, Json value) {
        fields.put(requireNonNull(field, "field is null"), requireNonNull(value, "value is null"));
        return this;
    }

    /** Sets the field, or removes it when {@code value} is empty. */
    public DocumentWriter json(String field, Optional<? extends Json> value) {
        value.ifPresentOrElse(v -> json(field, v), () -> remove(field));
        return this;
    }

    public DocumentWriter remove(String field) {
        fields.remove(field);
        return this;
    }

    /** The document written, as dirt's JSON. */
    public JsonObject build() {
        return JsonObject.of(fields);
    }

    /**
     * Whole seconds as an integer, otherwise seconds with the fraction as a decimal, to the microsecond: JSON numbers
     * are read as doubles by CouchDB's JavaScript, and a double holds epoch seconds exactly only to about the
     * microsecond.
     */
    public static JsonNumber epochSeconds(Instant instant) {
        requireNonNull(instant, "instant is null");
        long micros = instant.getNano() / 1_000;
        long whole = instant.getEpochSecond();
        if (micros == 0) {
            return JsonNumber.of(whole);
        }
        return JsonNumber.of(BigDecimal.valueOf(whole).add(BigDecimal.valueOf(micros, 6)).stripTrailingZeros());
    }
}
