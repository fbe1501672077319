package dirt.agent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request: its {@code id} (a number or a string, echoed in the response), its {@code op}, and all its fields
 * (including {@code id} and {@code op}).
 */
record Request(Object id, String op, Map<String, Object> fields) {
    Request {
        requireNonNull(id, "id is null");
        requireNonNull(op, "op is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Reads one request line.
     *
     * @throws BadRequestException when the line is not a JSON object with an id and an op; it carries the id when
     *     there was a usable one
     */
    static Request parse(String line) {
        Object parsed;
        try {
            parsed = JsonReader.parse(line);
        } catch (JsonSyntaxException e) {
            throw new BadRequestException(leadingId(line), "malformed request: " + e.getMessage() + " — " + EXAMPLE);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new BadRequestException(null, "malformed request: expected a JSON object, got "
                    + abbreviate(line) + " — " + EXAMPLE);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        Object id = fields.get("id");
        if (!(id instanceof Number || id instanceof String)) {
            throw new BadRequestException(null, String.format("malformed request: \"id\" must be a number or a string,"
                    + " got %s — %s", id == null ? "none" : JsonWriter.write(id), EXAMPLE));
        }
        if (!(fields.get("op") instanceof String op)) {
            throw new BadRequestException(id, "malformed request: \"op\" must be a string naming the operation — "
                    + EXAMPLE);
        }
        return new Request(id, op, fields);
    }

    /**
     * The id a line starts with ({@code {"id": 12, ...}}, as dirt writes requests), found without parsing the rest, so
     * that a request too deep or too long to read is still answered under its id; null when there is none.
     */
    static Object leadingId(String line) {
        Matcher matcher = LEADING_ID.matcher(line);
        if (!matcher.lookingAt()) {
            return null;
        }
        return matcher.group(1) != null ? (Object) Long.valueOf(matcher.group(1)) : matcher.group(2);
    }

    /** The string field {@code key}, which the op requires. */
    String string(String key) {
        if (fields.get(key) instanceof String value) {
            return value;
        }
        throw new OperationException(String.format(
                "op \"%s\" needs the string field \"%s\", got %s", op, key, JsonWriter.write(fields.get(key))));
    }

    /** The string field {@code key} if the request has it (null counts as absent). */
    Optional<String> optionalString(String key) {
        Object value = fields.get(key);
        if (value == null || value instanceof String) {
            return Optional.ofNullable((String) value);
        }
        throw wrongType(key, "a string", value);
    }

    /** The object field {@code key}; empty when the request has none. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(key, "an object", value);
    }

    /** The list-of-strings field {@code key}; empty when the request has none. */
    List<String> strings(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!(element instanceof String string)) {
                    throw wrongType(key, "a list of strings", value);
                }
                strings.add(string);
            }
            return strings;
        }
        throw wrongType(key, "a list of strings", value);
    }

    /** The number field {@code key}, or {@code otherwise} when the request has none. */
    double number(String key, double otherwise) {
        Object value = fields.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(key, "a number", value);
    }

    private OperationException wrongType(String key, String expected, Object value) {
        return new OperationException(String.format(
                "op \"%s\": field \"%s\" must be %s, got %s", op, key, expected, abbreviate(JsonWriter.write(value))));
    }

    private static final Pattern LEADING_ID =
            Pattern.compile("\\s*\\{\\s*\"id\"\\s*:\\s*(?:(-?[0-9]{1,18})|\"([A-Za-z0-9._:-]{1,100})\")\\s*[,}]");
    private static final String EXAMPLE = "send one JSON object per line, e.g. {\"id\": 1, \"op\": \"ping\"}";

    private static String abbreviate(String line) {
        String trimmed = line.strip();
        return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 37) + "...";
    }

    /** A line that is not a usable request; {@code id} is null when the line has none. */
    static final class BadRequestException extends RuntimeException {
        private final transient Object id;

        BadRequestException(Object id, String message) {
            super(message);
            this.id = id;
        }

        Object id() {
            return id;
        }
    }
}
