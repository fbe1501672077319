package dirt.json;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object, e.g. a document: its fields in the order they came (as read, or as put), immutable. {@link #with} and
 * {@link #without} return changed copies; to build or change several fields, use a {@link Builder}:
 * {@code doc.toBuilder().put("state", "done").put("completed", 1700000000L).build()}. Equal to another object with the
 * same fields and values, whatever their order.
 */
public final class JsonObject implements Json {
    public static final JsonObject EMPTY = new JsonObject(new LinkedHashMap<>());

    private final Map<String, Json> fields;

    /** Takes {@code fields} without copying: only for maps nobody else holds (a builder's, the reader's). */
    private JsonObject(LinkedHashMap<String, Json> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** An object of {@code fields}, in the map's iteration order. */
    public static JsonObject of(Map<String, ? extends Json> fields) {
        requireNonNull(fields, "fields is null");
        Builder builder = builder();
        fields.forEach(builder::put);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A builder that starts from this object's fields, in their order. */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(fields));
    }

    /** The fields, in order; unmodifiable. */
    public Map<String, Json> fields() {
        return fields;
    }

    public Optional<Json> get(String field) {
        return Optional.ofNullable(fields.get(requireNonNull(field, "field is null")));
    }

    public boolean has(String field) {
        return fields.containsKey(requireNonNull(field, "field is null"));
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The document's {@code _id}, when it has one that is a string. */
    public Optional<String> id() {
        return string("_id");
    }

    /** The document's {@code _rev}, when it has one that is a string. */
    public Optional<String> rev() {
        return string("_rev");
    }

    /** The field's value when it is a string; empty when it is missing or of another type. */
    public Optional<String> string(String field) {
        return get(field).filter(JsonString.class::isInstance).map(value -> ((JsonString) value).value());
    }

    /** The field's value when it is an object; empty when it is missing or of another type. */
    public Optional<JsonObject> object(String field) {
        return get(field).filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
    }

    /** The field's value when it is an array; empty when it is missing or of another type. */
    public Optional<JsonArray> array(String field) {
        return get(field).filter(JsonArray.class::isInstance).map(JsonArray.class::cast);
    }

    /** The field's value when it is a number; empty when it is missing or of another type. */
    public Optional<JsonNumber> number(String field) {
        return get(field).filter(JsonNumber.class::isInstance).map(JsonNumber.class::cast);
    }

    /** The field's value when it is {@code true} or {@code false}; empty when it is missing or of another type. */
    public Optional<Boolean> bool(String field) {
        return get(field).filter(JsonBoolean.class::isInstance).map(value -> ((JsonBoolean) value).value());
    }

    /** This object with {@code field} set to {@code value}: in its place when it exists, else last. */
    public JsonObject with(String field, Json value) {
        return toBuilder().put(field, value).build();
    }

    /** {@link #with(String, Json)} of a string. */
    public JsonObject with(String field, String value) {
        return toBuilder().put(field, value).build();
    }

    /** This object without {@code field} (itself when it has no such field). */
    public JsonObject without(String field) {
        return has(field) ? toBuilder().remove(field).build() : this;
    }

    @Override
    public String type() {
        return "object";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonObject object && fields.equals(object.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** The compact JSON text. */
    @Override
    public String toString() {
        return Json.write(this);
    }

    /**
     * Builds a {@link JsonObject}: fields keep the order they were first put in; putting a field again replaces its
     * value in place. A builder is used once, by one thread.
     */
    public static final class Builder {
        private LinkedHashMap<String, Json> fields;

        private Builder(LinkedHashMap<String, Json> fields) {
            this.fields = fields;
        }

        public Builder put(String field, Json value) {
            requireNonNull(field, "field is null");
            if (value == null) {
                throw new NullPointerException("value of field \"" + field + "\" is null — use JsonNull.NULL for JSON"
                        + " null, or remove(field)");
            }
            open().put(field, value);
            return this;
        }

        public Builder put(String field, String value) {
            return put(field, value == null ? null : new JsonString(value));
        }

        public Builder put(String field, long value) {
            return put(field, JsonNumber.of(value));
        }

        public Builder put(String field, int value) {
            return put(field, JsonNumber.of(value));
        }

        public Builder put(String field, BigDecimal value) {
            return put(field, value == null ? null : JsonNumber.of(value));
        }

        public Builder put(String field, boolean value) {
            return put(field, JsonBoolean.of(value));
        }

        public Builder remove(String field) {
            open().remove(requireNonNull(field, "field is null"));
            return this;
        }

        public boolean has(String field) {
            return open().containsKey(requireNonNull(field, "field is null"));
        }

        /** The object built; the builder cannot be used after. */
        public JsonObject build() {
            JsonObject built = new JsonObject(open());
            fields = null;
            return built;
        }

        private LinkedHashMap<String, Json> open() {
            if (fields == null) {
                throw new IllegalStateException("this builder has built its object already — start a new one with"
                        + " JsonObject.builder() or toBuilder()");
            }
            return fields;
        }
    }

    /** For the reader: an object of a map nobody else holds. */
    static JsonObject owning(LinkedHashMap<String, Json> fields) {
        return new JsonObject(fields);
    }
}
