package dirt.json;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** A JSON array: its values in order, immutable. */
public record JsonArray(List<Json> values) implements Json, Iterable<Json> {
    public static final JsonArray EMPTY = new JsonArray(List.of());

    public JsonArray {
        requireNonNull(values, "values is null");
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new NullPointerException("values[" + i + "] is null — use JsonNull.NULL for JSON null");
            }
        }
        values = List.copyOf(values);
    }

    public static JsonArray of(Json... values) {
        return new JsonArray(Arrays.asList(values));
    }

    /** An array of strings. */
    public static JsonArray ofStrings(List<String> strings) {
        return new JsonArray(strings.stream().<Json>map(JsonString::new).toList());
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** @throws IndexOutOfBoundsException when there is no value at {@code index} */
    public Json get(int index) {
        return values.get(index);
    }

    /** This array with {@code value} appended. */
    public JsonArray with(Json value) {
        requireNonNull(value, "value is null");
        return new JsonArray(Stream.concat(values.stream(), Stream.of(value)).toList());
    }

    public Stream<Json> stream() {
        return values.stream();
    }

    @Override
    public Iterator<Json> iterator() {
        return values.iterator();
    }

    @Override
    public String type() {
        return "array";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
