package dirt.json;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * A JSON number, kept exactly: CouchDB's numbers are never narrowed to {@code long} or {@code double}.
 *
 * <p>Two numbers are equal when their values are ({@code compareTo}): {@code 1}, {@code 1.0} and {@code 1e0} are equal.
 * The text keeps its form: a number read or given without a fraction or exponent (scale 0) is written as a whole number,
 * {@code 10}; one read with a fraction or an exponent is written with one ({@code 1.0}, {@code 1.5}, {@code 1E+2}), so a
 * round trip does not turn a decimal into an integer.
 */
public record JsonNumber(BigDecimal value) implements Json {
    public JsonNumber {
        requireNonNull(value, "value is null");
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    public static JsonNumber of(BigDecimal value) {
        return new JsonNumber(value);
    }

    /** Whether it is written as a whole number, without fraction or exponent. */
    public boolean isIntegral() {
        return value.scale() == 0;
    }

    /**
     * The number as a {@code long}, when it is one exactly (e.g. {@code 3} or {@code 3.0}).
     *
     * @throws ArithmeticException when it has a fraction or does not fit: {@code number is not a long: value="1.5"}
     */
    public long longValue() {
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new ArithmeticException("number is not a long: value=\"" + value + "\"");
        }
    }

    /**
     * The number as an {@code int}, when it is one exactly.
     *
     * @throws ArithmeticException when it has a fraction or does not fit: {@code number is not an int: value="1.5"}
     */
    public int intValue() {
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new ArithmeticException("number is not an int: value=\"" + value + "\"");
        }
    }

    /** The nearest {@code double} (infinite when out of its range). */
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonNumber number && value.compareTo(number.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    @Override
    public String type() {
        return "number";
    }

    /** The JSON text: {@link BigDecimal#toString()}, which is always a valid JSON number. */
    @Override
    public String toString() {
        return value.toString();
    }
}
