package dirt.match;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One line of a task's {@code requires} list: three words separated by whitespace, either {@code key is value},
 * {@code key not value}, {@code value in key} or {@code value not_in key}. The key names a node fact such as
 * {@code architecture} or {@code environ}; note that {@code in} and {@code not_in} put the value first.
 */
public record Requirement(String key, Operator operator, String value) {
    public Requirement {
        requireNonNull(key, "key is null");
        requireNonNull(operator, "operator is null");
        requireNonNull(value, "value is null");
        if (!isWord(key)) {
            throw new IllegalArgumentException("key must be one word, got \"" + key + "\"");
        }
        if (!isWord(value)) {
            throw new IllegalArgumentException("value must be one word, got \"" + value + "\"");
        }
    }

    /**
     * Parses a requirement line.
     *
     * @throws RequirementSyntaxException when the line is not three words with a known operator in the middle
     */
    public static Requirement parse(String line) {
        requireNonNull(line, "line is null");
        String trimmed = line.strip();
        List<String> words = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\p{javaWhitespace}+"));
        if (words.size() != 3) {
            throw new RequirementSyntaxException(line, "expected 3 words (\"key is value\", \"key not value\", "
                    + "\"value in key\" or \"value not_in key\"), got " + words.size());
        }
        Operator operator = Operator.fromWord(words.get(1)).orElseThrow(() -> new RequirementSyntaxException(
                line, "unknown operator \"" + words.get(1) + "\" — use one of " + Operator.WORDS));
        return operator.valueFirst()
                ? new Requirement(words.get(2), operator, words.get(0))
                : new Requirement(words.get(0), operator, words.get(2));
    }

    /** The requirement as a line in canonical form, e.g. {@code architecture is x86_64} or {@code G4INSTALL in environ}. */
    public String line() {
        return operator.valueFirst()
                ? value + " " + operator.word() + " " + key
                : key + " " + operator.word() + " " + value;
    }

    @Override
    public String toString() {
        return line();
    }

    private static boolean isWord(String text) {
        return !text.isEmpty() && text.codePoints().noneMatch(Character::isWhitespace);
    }
}
