package dirt.document;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JacksonBridge;
import dirt.json.Json;
import dirt.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds an updated document from a copy of the original ({@link #copyOf(JsonObject)}, or a Jackson tree), setting
 * or removing only the fields the caller owns, so that every other field (users add their own, such as
 * {@code "platform": "linux"}) survives; {@link #build()} gives it as dirt's JSON. The original is
 * never modified.
 */
public final class DocumentWriter {
    private final ObjectNode document;

    private DocumentWriter(ObjectNode document) {
        this.document = document;
    }

    /** Starts from a deep copy of {@code original}. */
    public static DocumentWriter copyOf(ObjectNode original) {
        requireNonNull(original, "original is null");
        return new DocumentWriter(original.deepCopy());
    }

    /** Starts from {@code original}, dirt's JSON (copied into the writer). */
    public static DocumentWriter copyOf(JsonObject original) {
        return new DocumentWriter(JacksonBridge.tree(requireNonNull(original, "original is null")));
    }

    /** Starts from an empty document. */
    public static DocumentWriter empty() {
        return new DocumentWriter(JsonNodeFactory.instance.objectNode());
    }

    public DocumentWriter string(String field, String value) {
        document.put(field, requireNonNull(value, "value is null"));
        return this;
    }

    /** Sets the field, or removes it when {@code value} is empty. */
    public DocumentWriter string(String field, Optional<String> value) {
        return json(field, value.map(JsonNodeFactory.instance::textNode));
    }

    public DocumentWriter bool(String field, boolean value) {
        document.put(field, value);
        return this;
    }

    public DocumentWriter integer(String field, int value) {
        document.put(field, value);
        return this;
    }

    /** Sets the field, keeping the number already there when it is the same time, as written. */
    public DocumentWriter epochSeconds(String field, Instant value) {
        requireNonNull(value, "value is null");
        JsonNode existing = document.get(field);
        boolean same = existing != null && existing.isNumber()
                && DocumentReader.epochSecondsIn(document, field).filter(value::equals).isPresent();
        if (!same) {
            document.set(field, epochSeconds(value));
        }
        return this;
    }

    /** Sets the field (see {@link #epochSeconds(String, Instant)}), or removes it when {@code value} is empty. */
    public DocumentWriter epochSeconds(String field, Optional<Instant> value) {
        value.ifPresentOrElse(v -> epochSeconds(field, v), () -> document.remove(field));
        return this;
    }

    public DocumentWriter json(String field, JsonNode value) {
        document.set(field, requireNonNull(value, "value is null").deepCopy());
        return this;
    }

    /** Sets the field to dirt's JSON {@code value}. */
    public DocumentWriter json(String field, Json value) {
        document.set(field, JacksonBridge.tree(requireNonNull(value, "value is null")));
        return this;
    }

    /** Sets the field, or removes it when {@code value} is empty. */
    public DocumentWriter json(String field, Optional<? extends JsonNode> value) {
        value.ifPresentOrElse(v -> json(field, v), () -> document.remove(field));
        return this;
    }

    public DocumentWriter remove(String field) {
        document.remove(field);
        return this;
    }

    public ObjectNode toJson() {
        return document.deepCopy();
    }

    /** The document written, as dirt's JSON. */
    public JsonObject build() {
        return JacksonBridge.object(document);
    }

    /**
     * Whole seconds as an integer, otherwise seconds with the fraction as a decimal, to the microsecond: JSON numbers
     * are read as doubles by CouchDB and by default Jackson, and a double holds epoch seconds exactly only to about
     * the microsecond. Whole seconds are an int node when they fit, as Jackson's parser would read them.
     */
    public static JsonNode epochSeconds(Instant instant) {
        requireNonNull(instant, "instant is null");
        long micros = instant.getNano() / 1_000;
        long whole = instant.getEpochSecond();
        if (micros == 0) {
            boolean fitsInt = whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE;
            return fitsInt ? IntNode.valueOf((int) whole) : LongNode.valueOf(whole);
        }
        BigDecimal seconds = BigDecimal.valueOf(whole)
                .add(BigDecimal.valueOf(micros, 6))
                .stripTrailingZeros();
        return DecimalNode.valueOf(seconds);
    }
}
