package dirt.match;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The four requirement operators. {@code is} and {@code not} compare a fact with a value ({@code key is value});
 * {@code in} and {@code not_in} test membership of a value in a fact that is a list or map ({@code value in key}).
 */
public enum Operator {
    IS("is", false),
    NOT("not", false),
    IN("in", true),
    NOT_IN("not_in", true);

    /** The operator words as listed in messages: {@code is, not, in, not_in}. */
    public static final String WORDS = Arrays.stream(values()).map(Operator::word).collect(Collectors.joining(", "));

    private final String word;
    private final boolean valueFirst;

    Operator(String word, boolean valueFirst) {
        this.word = word;
        this.valueFirst = valueFirst;
    }

    /** The word written in a requirement line, e.g. {@code not_in}. */
    public String word() {
        return word;
    }

    /** Whether lines put the value before the key ({@code value in key}) rather than after it. */
    public boolean valueFirst() {
        return valueFirst;
    }

    /** The operator written as {@code word}, exactly (operators are lowercase). */
    public static Optional<Operator> fromWord(String word) {
        return Arrays.stream(values()).filter(o -> o.word.equals(word)).findFirst();
    }
}
