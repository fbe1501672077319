package dirt.cli;

import dirt.json.Json;
import dirt.json.JsonBoolean;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;

/** A document's field as the text the command line prints of it. */
final class Fields {
    private Fields() {}

    /** The field's text: a string's value, a number's or boolean's JSON; {@code ""} when missing or an object or array. */
    static String text(JsonObject doc, String field) {
        return doc.get(field).map(value -> value instanceof JsonNull ? "null" : text(value)).orElse("");
    }

    /** {@link #text(JsonObject, String)}, or {@code otherwise} when the field is missing or null. */
    static String text(JsonObject doc, String field, String otherwise) {
        return doc.get(field).filter(value -> !(value instanceof JsonNull)).map(Fields::text).orElse(otherwise);
    }

    /** A value's text as the command line prints it: JSON null is {@code null}, an object or array {@code ""}. */
    static String asText(Json value) {
        return value instanceof JsonNull ? "null" : text(value);
    }

    private static String text(Json value) {
        if (value instanceof JsonString string) {
            return string.value();
        } else if (value instanceof JsonNumber || value instanceof JsonBoolean) {
            return Json.write(value);
        }
        return "";
    }

    /**
     * The field as a yes or no, read leniently (as Jackson's {@code asBoolean(false)}): {@code true}, a number other
     * than 0, or the string {@code "true"}; false otherwise.
     */
    static boolean bool(JsonObject doc, String field) {
        Json value = doc.get(field).orElse(JsonNull.NULL);
        if (value instanceof JsonBoolean bool) {
            return bool.value();
        } else if (value instanceof JsonNumber number) {
            return number.value().signum() != 0;
        }
        return value instanceof JsonString string && string.value().strip().equals("true");
    }

    /** The field's object, or the empty object when it is missing or not an object. */
    static JsonObject object(JsonObject doc, String field) {
        return doc.object(field).orElse(JsonObject.EMPTY);
    }
}
