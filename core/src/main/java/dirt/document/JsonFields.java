package dirt.document;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fields of one JSON object, read by type: a field of the wrong type records a problem and reads as empty, so that
 * reading goes on and every problem is reported at once; a JSON {@code null} reads as absent. The one implementation
 * under {@link DocumentReader} (documents) and the tables of the settings file ({@code dirt.config}), which word their
 * problems each their own way. The fields asked for are remembered, so that a reader can report the others.
 */
public final class JsonFields {
    private final JsonObject object;
    private final BiFunction<String, Json, String> wrongType;
    private final BiConsumer<String, String> problems;
    private final Set<String> asked = new LinkedHashSet<>();

    /**
     * @param wrongType the message for a value that is not what the reader expected, from what it expected (e.g.
     *                  {@code a string}) and the value
     * @param problems  where the problems go, as field and message
     */
    public JsonFields(JsonObject object, BiFunction<String, Json, String> wrongType,
            BiConsumer<String, String> problems) {
        this.object = requireNonNull(object, "object is null");
        this.wrongType = requireNonNull(wrongType, "wrongType is null");
        this.problems = requireNonNull(problems, "problems is null");
    }

    /** The value of {@code field}, empty when it is absent or JSON null. */
    public Optional<Json> value(String field) {
        asked.add(field);
        return object.get(field).filter(value -> value != JsonNull.NULL);
    }

    /**
     * The value of {@code field} as {@code convert} makes it when {@code accepts} it; otherwise records that it is not
     * {@code expected} (e.g. {@code a string}) and reads as empty.
     */
    public <T> Optional<T> typed(String field, String expected, Predicate<Json> accepts, Function<Json, T> convert) {
        Optional<Json> value = value(field);
        if (value.isPresent() && !accepts.test(value.get())) {
            problem(field, wrongType.apply(expected, value.get()));
            return Optional.empty();
        }
        return value.map(convert);
    }

    /** The value of {@code field} when it is of {@code type}, e.g. {@code JsonString.class}; else as above. */
    public <T extends Json> Optional<T> typed(String field, String expected, Class<T> type) {
        return typed(field, expected, type::isInstance, type::cast);
    }

    /** Records a problem with {@code field}. */
    public void problem(String field, String message) {
        problems.accept(field, message);
    }

    /** The names of the object's fields, in its order; each counts as asked for. */
    public List<String> names() {
        List<String> names = new ArrayList<>(object.fields().keySet());
        asked.addAll(names);
        return names;
    }

    /** The fields asked for so far, in the order first asked. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    /** The object's fields that nobody asked for, in its order. */
    public List<String> unasked() {
        List<String> unasked = new ArrayList<>();
        for (String name : object.fields().keySet()) {
            if (!asked.contains(name)) {
                unasked.add(name);
            }
        }
        return unasked;
    }
}
