package dirt.document;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of one document and collects a {@link Problem} for each one that is missing or has the wrong type,
 * so that parsing and validation share one code path and a document's problems are all reported at once. Readers
 * never throw for bad content: a field with a problem reads as empty. A JSON {@code null} reads as absent. The typed
 * reading is {@link JsonFields}'s; this class words it for documents ({@code must be a string, got 42}).
 *
 * <pre>{@code
 * DocumentReader in = new DocumentReader(document); // a JsonObject
 * in.expectType("task");
 * Optional<String> name = in.requiredString("name", "set it to the task to run");
 * if (!in.problems().isEmpty()) { ... }
 * }</pre>
 *
 * <p>It reads dirt's own {@link Json} values.
 */
public final class DocumentReader {
    /** The longest duration {@link #seconds} accepts: a year. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(366L * 24 * 3600);
    /** The largest time in seconds since the epoch an {@link Instant} holds. */
    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    private static final int MAX_QUOTED_CHARS = 80;

    private final JsonObject document;
    private final JsonFields fields;
    private final List<Problem> problems = new ArrayList<>();

    /** A reader of {@code document}; a value that is not a JSON object is a problem and reads as an empty one. */
    public DocumentReader(Json document) {
        requireNonNull(document, "document is null");
        this.document = document instanceof JsonObject object ? object : JsonObject.EMPTY;
        this.fields = new JsonFields(this.document, (expected, value) -> "must be " + expected + ", got " + show(value),
                this::problem);
        if (!(document instanceof JsonObject)) {
            problem("document", "must be a JSON object, got " + show(document));
        }
    }

    /** The document being read (an empty object when it was not a JSON object). */
    public JsonObject document() {
        return document;
    }

    /** The value of a field, empty when the field is absent or JSON null. */
    public Optional<Json> field(String field) {
        return fields.value(field);
    }

    /** The {@code _id} when it is a string, otherwise {@code ""}; for messages. */
    public String id() {
        return document.id().orElse("");
    }

    /** Records a problem unless {@code type} is exactly {@code expected}. */
    public void expectType(String expected) {
        Optional<Json> type = field("type");
        if (type.isEmpty()) {
            problem("type", "is missing — set it to " + quote(expected));
        } else if (!type.get().equals(new JsonString(expected))) {
            problem("type", "must be " + quote(expected) + ", got " + show(type.get()));
        }
    }

    /** An optional string field. */
    public Optional<String> string(String field) {
        return fields.typed(field, "a string", JsonString.class).map(JsonString::value);
    }

    /** A string field that must be present and not blank; {@code hint} says what to set it to. */
    public Optional<String> requiredString(String field, String hint) {
        if (field(field).isEmpty()) {
            problem(field, "is missing — " + hint);
            return Optional.empty();
        }
        Optional<String> value = string(field);
        if (value.isPresent() && value.get().isBlank()) {
            problem(field, "is blank — " + hint);
            return Optional.empty();
        }
        return value;
    }

    /** An optional time stored as a (possibly fractional) number of seconds since the epoch. */
    public Optional<Instant> epochSeconds(String field) {
        Optional<JsonNumber> value = fields.typed(field, "a number of seconds since the epoch", JsonNumber.class);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal seconds = value.get().value();
            if (seconds.abs().compareTo(MAX_EPOCH_SECONDS) > 0) { // before any arithmetic: 1e999999999 is short text
                throw new ArithmeticException("out of range");
            }
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        } catch (ArithmeticException | DateTimeException e) {
            problem(field, "is out of range for a time in seconds since the epoch, got " + show(value.get()));
            return Optional.empty();
        }
    }

    /**
     * An optional number of seconds (fractions allowed), e.g. a timeout; it must be positive, or at least zero when
     * {@code zeroAllowed}.
     */
    public Optional<Duration> seconds(String field, boolean zeroAllowed) {
        String expected = zeroAllowed ? "a number of seconds, 0 or more" : "a positive number of seconds";
        Optional<JsonNumber> value = fields.typed(field, expected, JsonNumber.class);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal seconds = value.get().value();
        boolean tooSmall = zeroAllowed ? seconds.signum() < 0 : seconds.signum() <= 0;
        if (tooSmall || seconds.compareTo(MAX_SECONDS) > 0) {
            problem(field, "must be " + expected + " (at most " + MAX_SECONDS + "), got " + show(value.get()));
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValue()));
    }

    /** An optional boolean field. */
    public Optional<Boolean> bool(String field) {
        return fields.typed(field, "true or false", JsonBoolean.class).map(JsonBoolean::value);
    }

    /** An optional whole number that must be at least {@code min}. */
    public Optional<Integer> integer(String field, int min) {
        Optional<Integer> value = fields.typed(field, "a whole number", DocumentReader::isInt,
                number -> ((JsonNumber) number).intValue());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int number = value.get();
        if (number < min) {
            problem(field, "must be at least " + min + ", got " + number);
            return Optional.empty();
        }
        return Optional.of(number);
    }

    /** Whether {@code value} is a whole number (e.g. {@code 3} or {@code 3.0}) that fits an {@code int}. */
    private static boolean isInt(Json value) {
        if (!(value instanceof JsonNumber number)) {
            return false;
        }
        try {
            number.intValue();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** An optional JSON object field. */
    public Optional<JsonObject> object(String field) {
        return fields.typed(field, "a JSON object", JsonObject.class);
    }

    /** An optional JSON array field; {@code expected} names what it should be, e.g. {@code a list of strings}. */
    public Optional<JsonArray> array(String field, String expected) {
        return fields.typed(field, expected, JsonArray.class);
    }

    /** Records a problem found by the caller. */
    public void problem(String field, String message) {
        problems.add(new Problem(field, message));
    }

    /**
     * Records the problems found by a reader of a nested object under this reader's {@code field}, e.g. a problem
     * with {@code cpu_count} in {@code sys_info} becomes one with {@code sys_info.cpu_count}.
     */
    public void nested(String field, List<Problem> nestedProblems) {
        nestedProblems.forEach(p -> problem(field + "." + p.field(), p.message()));
    }

    /** Every problem found so far, in the order the fields were read. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Throws an {@link InvalidDocumentException} listing every problem, if there are any. */
    public void throwIfInvalid(String type) {
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(type, id(), problems);
        }
    }

    /** A string in double quotes with JSON escapes, e.g. {@code "x86_64"}. */
    public static String quote(String text) {
        return new JsonString(text).toString();
    }

    /**
     * A JSON value as JSON text, shortened when long, for quoting an offending value in a message. Numbers with a
     * fraction show as the {@code double} nearest them ({@code 1.0E300}), as these messages always have.
     */
    public static String show(Json value) {
        String text = value instanceof JsonNumber number && !number.isIntegral()
                ? Double.toString(number.doubleValue()) : Json.write(value);
        return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "…";
    }
}
