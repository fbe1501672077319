package dirt.document;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a document, as data: the field (a JSON path such as {@code name} or {@code requires[1]}) and
 * what is wrong with it, written so that {@code field + " " + message} reads as a sentence, for example
 * {@code requires[1] "arch equals x86_64": unknown operator "equals" — use one of is, not, in, not_in}.
 */
public record Problem(String field, String message) {
    public Problem {
        requireNonNull(field, "field is null");
        requireNonNull(message, "message is null");
        if (field.isBlank()) {
            throw new IllegalArgumentException("field is blank");
        }
    }

    /** The field followed by the message, e.g. {@code name is missing — …}. */
    public String describe() {
        return field + " " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
