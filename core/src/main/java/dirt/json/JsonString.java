package dirt.json;

import static java.util.Objects.requireNonNull;

/** A JSON string; {@code toString()} is its JSON text, quoted and escaped. */
public record JsonString(String value) implements Json {
    public JsonString {
        requireNonNull(value, "value is null");
    }

    @Override
    public String type() {
        return "string";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
