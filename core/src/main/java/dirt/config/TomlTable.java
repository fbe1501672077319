package dirt.config;

import dirt.DidYouMean;
import dirt.document.JsonFields;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One table of a parsed TOML file. Typed getters return the value or the default and record a problem for a value of
 * the wrong type, so that parsing goes on and every problem is reported at once. Every key asked for is known; after
 * all reads, {@link #finish()} reports the keys nobody asked for, suggesting the closest known key. The typed reading
 * is {@link JsonFields}'s; this class words it for the settings file ({@code expected a string, got 42}).
 */
final class TomlTable {
    private final String name;
    private final String label;
    private final JsonObject node;
    private final boolean present;
    private final Problems problems;
    private final JsonFields fields;
    private final List<TomlTable> children = new ArrayList<>();

    private TomlTable(String name, String label, JsonObject node, boolean present, Problems problems) {
        this.name = name;
        this.label = label;
        this.node = node;
        this.present = present;
        this.problems = problems;
        this.fields = new JsonFields(node, (expected, value) -> "expected " + expected + ", got " + shown(value),
                this::problem);
    }

    /** The root table of a TOML file as Jackson's TOML parser reads it (converted once, here). */
    static TomlTable root(JsonObject node, Problems problems) {
        return new TomlTable("", "", node, true, problems);
    }

    /** Whether the table was written in the file (an absent table reads as empty). */
    boolean present() {
        return present;
    }

    /** The sub-table {@code [name.key]}; an empty, absent one when not written. */
    TomlTable table(String key) {
        String childName = name.isEmpty() ? key : name + "." + key;
        Optional<Json> value = value(key);
        boolean isTable = value.isPresent() && value.get() instanceof JsonObject;
        if (value.isPresent() && !isTable) {
            problems.add("[" + childName + "]", "expected a table, got " + shown(value.get()));
        }
        TomlTable child = new TomlTable(childName, "[" + childName + "] ",
                isTable ? (JsonObject) value.get() : JsonObject.EMPTY, isTable, problems);
        children.add(child);
        return child;
    }

    /** The tables of an array of tables {@code [[name.key]]}. */
    List<TomlTable> tableArray(String key) {
        String childName = name.isEmpty() ? key : name + "." + key;
        Optional<Json> value = value(key);
        List<TomlTable> tables = new ArrayList<>();
        if (value.isEmpty()) {
            return tables;
        }
        if (!(value.get() instanceof JsonArray array)) {
            problems.add("[" + childName + "]", "expected an array of tables written as [[" + childName + "]], got "
                    + (value.get() instanceof JsonObject ? "a single table [" + childName + "]" : shown(value.get())));
            return tables;
        }
        for (int i = 0; i < array.size(); i++) {
            Json element = array.get(i);
            String elementLabel = (label.startsWith("[[") ? label : "") + "[[" + childName + "]] #" + (i + 1);
            if (!(element instanceof JsonObject table)) {
                problems.add(elementLabel, "expected a table, got " + shown(element));
                continue;
            }
            TomlTable child = new TomlTable(childName, elementLabel + " ", table, true, problems);
            children.add(child);
            tables.add(child);
        }
        return tables;
    }

    /** Every key written in this table; each is then known. */
    List<String> keys() {
        return fields.names();
    }

    /** Whether {@code key} is written in this table. */
    boolean has(String key) {
        return value(key).isPresent();
    }

    Optional<String> string(String key) {
        return fields.typed(key, "a string", JsonString.class).map(JsonString::value);
    }

    /** A string where {@code ""} means not set. */
    Optional<String> optionalString(String key) {
        return string(key).filter(s -> !s.isEmpty());
    }

    Optional<Boolean> bool(String key) {
        return fields.typed(key, "a boolean (true or false)", JsonBoolean.class).map(JsonBoolean::value);
    }

    Optional<Long> integer(String key, long min, long max) {
        Optional<JsonNumber> value = fields.typed(key, "an integer", TomlTable::isInteger, JsonNumber.class::cast);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> number = whole(value.get());
        if (number.isEmpty() || number.get() < min || number.get() > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + shown(value.get()));
            return Optional.empty();
        }
        return number;
    }

    Optional<Duration> duration(String key) {
        Optional<Json> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> duration = value.get() instanceof JsonString text
                ? ConfigValues.duration(text.value()) : Optional.empty();
        if (duration.isEmpty()) {
            problem(key, "expected a duration like " + ConfigValues.DURATION_EXAMPLES + ", got " + shown(value.get()));
        } else if (duration.get().isNegative() || duration.get().isZero()) {
            problem(key, "must be a positive duration, got " + shown(value.get()));
            return Optional.empty();
        }
        return duration;
    }

    /** A table's content as JSON, unchecked, e.g. {@code kwargs = { foo = 42 }}. */
    Optional<JsonObject> object(String key) {
        return fields.typed(key, "a table like { foo = 42 }", JsonObject.class);
    }

    /** Whole seconds written as an integer ({@code 60}) or a duration ({@code "10m"}), at least one second. */
    Optional<Duration> seconds(String key) {
        Optional<Json> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (isInteger(value.get())) {
            Optional<Long> seconds = whole((JsonNumber) value.get());
            if (seconds.isEmpty() || seconds.get() < 1) {
                problem(key, "must be at least 1 second, got " + shown(value.get()));
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(seconds.get()));
        }
        Optional<Duration> duration = value.get() instanceof JsonString text
                ? ConfigValues.duration(text.value()) : Optional.empty();
        if (duration.isEmpty() || duration.get().toSeconds() < 1 || duration.get().toNanosPart() != 0) {
            problem(key, "expected whole seconds like 60 or a duration like \"10m\", \"1h\", got "
                    + shown(value.get()));
            return Optional.empty();
        }
        return duration;
    }

    /** An http(s) URL where {@code ""} means not set. */
    Optional<URI> httpUrl(String key) {
        Optional<String> text = optionalString(key);
        Optional<URI> url = text.flatMap(ConfigValues::httpUrl);
        if (text.isPresent() && url.isEmpty()) {
            problem(key, "expected an http(s) URL like " + ConfigValues.URL_EXAMPLE + ", got \"" + text.get() + "\"");
        }
        return url;
    }

    /** An http(s) URL that must be set; {@code hint} says to what. */
    Optional<URI> requiredHttpUrl(String key, String hint) {
        Optional<Json> value = value(key);
        if (value.isEmpty() || value.get() instanceof JsonString text && text.value().isEmpty()) {
            problem(key, "missing — " + hint);
            return Optional.empty();
        }
        return httpUrl(key);
    }

    /** A local path, {@code ~/} expanded to {@code home} and relative paths resolved against {@code base}. */
    Optional<Path> path(String key, Path home, Path base) {
        Optional<String> text = string(key);
        if (text.isPresent() && text.get().isBlank()) {
            problem(key, "expected a path, got \"" + text.get() + "\"");
            return Optional.empty();
        }
        return text.map(t -> ConfigValues.path(t, home, base));
    }

    Optional<List<String>> strings(String key) {
        Optional<JsonArray> value = fields.typed(key, "a list of strings like [\"a\", \"b\"]", JsonArray.class);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.get().size(); i++) {
            Json element = value.get().get(i);
            if (element instanceof JsonString text) {
                strings.add(text.value());
            } else {
                problem(key + "[" + i + "]", "expected a string, got " + shown(element));
            }
        }
        return Optional.of(List.copyOf(strings));
    }

    <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        return string(key).flatMap(word -> parseChoice(key, type, word));
    }

    <E extends Enum<E>> Optional<Set<E>> choices(String key, Class<E> type) {
        Optional<List<String>> words = strings(key);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Set<E> chosen = EnumSet.noneOf(type);
        words.get().forEach(word -> parseChoice(key, type, word).ifPresent(chosen::add));
        return Optional.of(Collections.unmodifiableSet(chosen));
    }

    private <E extends Enum<E>> Optional<E> parseChoice(String key, Class<E> type, String word) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toList());
        int index = allowed.indexOf(word);
        if (index < 0) {
            String suggestion = DidYouMean.closest(word, allowed).map(s -> ", did you mean \"" + s + "\"?").orElse("");
            problem(key, "expected one of " + allowed.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "))
                    + ", got \"" + word + "\"" + suggestion);
            return Optional.empty();
        }
        return Optional.of(type.getEnumConstants()[index]);
    }

    /** Records a problem with {@code key} of this table. */
    void problem(String key, String message) {
        problems.add(label + key, message);
    }

    /** Reports every key of this table and its sub-tables that no getter asked for. */
    void finish() {
        fields.unasked().forEach(this::unknown);
        children.forEach(TomlTable::finish);
    }

    private void unknown(String key) {
        List<String> known = fields.asked();
        boolean section = name.isEmpty() && node.get(key).filter(JsonObject.class::isInstance).isPresent();
        String what = section ? "unknown section" : "unknown key";
        String hint = DidYouMean.closest(key, known).map(k -> ", did you mean \"" + k + "\"?")
                .orElse(" — known " + (name.isEmpty() ? "sections" : "keys") + ": " + String.join(", ", known));
        problems.add(section ? "[" + key + "]" : label + key, what + hint);
    }

    private Optional<Json> value(String key) {
        return fields.value(key);
    }

    /** A value as JSON text for messages, floats as Java writes a {@code double} ({@code 1.0E20}), as always. */
    private static String shown(Json value) {
        if (value instanceof JsonNumber number && !number.isIntegral()) {
            return Double.toString(number.doubleValue());
        } else if (value instanceof JsonArray array) {
            return array.stream().map(TomlTable::shown).collect(Collectors.joining(",", "[", "]"));
        } else if (value instanceof JsonObject object) {
            return object.fields().entrySet().stream()
                    .map(field -> new JsonString(field.getKey()) + ":" + shown(field.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return value.toString();
    }

    /** A TOML integer: a number written without fraction or exponent. */
    private static boolean isInteger(Json value) {
        return value instanceof JsonNumber number && number.isIntegral();
    }

    /** The number as a {@code long}, empty when it does not fit. */
    private static Optional<Long> whole(JsonNumber number) {
        try {
            return Optional.of(number.longValue());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Every problem found while reading one file, each as {@code settings.toml: [section] key: problem}. */
    static final class Problems {
        private final String source;
        private final List<String> lines = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        void add(String where, String message) {
            lines.add(source + ": " + where + ": " + message);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
