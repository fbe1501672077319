package dirt.json;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * A JSON value: an object, array, string, number, boolean or null. Every value is immutable and equal to another of
 * the same content ({@link JsonNumber}s by numeric value: {@code 1} equals {@code 1.0}); {@code toString()} is its
 * compact JSON text.
 *
 * <p>Reading: {@code Json.parseObject(bytes)} for a document, {@code Json.parse(text)} for any value. Writing:
 * {@code Json.write(value)} or {@code Json.bytes(value)}. Building: {@link JsonObject#builder()}.
 */
public sealed interface Json permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
    /**
     * The value of a JSON text. Numbers are kept exactly as written (no narrowing to {@code double}); of a field given
     * twice in one object the last value counts, at the place of the first (as in Jackson's trees).
     *
     * @throws InvalidJsonException when {@code text} is not one JSON value, or exceeds the reading limits
     */
    static Json parse(String text) {
        return JsonReader.read(requireNonNull(text, "text is null"));
    }

    /** {@link #parse(String)} of UTF-8 bytes. */
    static Json parse(byte[] utf8) {
        return JsonReader.read(requireNonNull(utf8, "utf8 is null"));
    }

    /**
     * {@link #parse(String)} that takes strings of up to 128 Mi characters instead of 20 MB: for the reply lines of
     * dirt's own agent, which carry a run's attachments (up to 64 MiB) as base64 strings. Text from users, files and
     * CouchDB keeps the 20 MB limit of {@code parse}.
     *
     * @throws InvalidJsonException when {@code text} is not one JSON value, or exceeds the reading limits
     */
    static Json parseLarge(String text) {
        return JsonReader.readLarge(requireNonNull(text, "text is null"));
    }

    /**
     * The object of a JSON text, e.g. a document.
     *
     * @throws InvalidJsonException when {@code text} is not JSON, or a JSON value that is not an object
     */
    static JsonObject parseObject(String text) {
        return object(parse(text));
    }

    /** {@link #parseObject(String)} of UTF-8 bytes. */
    static JsonObject parseObject(byte[] utf8) {
        return object(parse(utf8));
    }

    private static JsonObject object(Json value) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new InvalidJsonException("JSON is not an object: type=\"" + value.type() + "\" — a document is a JSON"
                + " object, {...}", 1, 1, 0);
    }

    /** The compact JSON text of {@code value}: no spaces, fields in their order, strings escaped as JSON requires. */
    static String write(Json value) {
        return JsonWriter.text(requireNonNull(value, "value is null"));
    }

    /** {@link #write} as UTF-8 bytes. */
    static byte[] bytes(Json value) {
        return JsonWriter.bytes(requireNonNull(value, "value is null"));
    }

    /** {@link #bytes} for callers that count: the size of the compact JSON text in UTF-8. */
    static int byteLength(Json value) {
        return write(value).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The JSON type's name, for messages: {@code object}, {@code array}, {@code string}, {@code number}, ... */
    String type();
}
