package dirt.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and copies JSON values: String, Number, Boolean, null, and Lists and Maps of those. */
final class JsonValues {
    private JsonValues() {}

    /**
     * Returns an unmodifiable deep copy of {@code value}.
     *
     * @param where names the value in messages, e.g. {@code result value "sum"}
     * @throws IllegalArgumentException naming {@code where} and the offending type if the value is not JSON
     */
    static Object copy(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return checkNumber(number, where);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), where + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, where);
        }
        throw new IllegalArgumentException(String.format(
                "%s is a %s, which is not a JSON value — use a String, Number, Boolean, null, or a List or"
                        + " Map<String, ?> of those",
                where, value.getClass().getName()));
    }

    /** Copies a JSON object; keys must be strings. */
    static Map<String, Object> copyMap(Map<?, ?> map, String where) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(String.format(
                        "%s has the key %s of type %s — JSON object keys must be strings",
                        where, entry.getKey(), entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
            }
            copy.put(key, copy(entry.getValue(), where + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Number checkNumber(Number number, String where) {
        boolean plain = number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger || number instanceof BigDecimal;
        boolean floating = number instanceof Double || number instanceof Float;
        if (!plain && !floating) {
            throw new IllegalArgumentException(String.format(
                    "%s is a %s, which is not a JSON number — use an Integer, Long, Double, BigInteger or BigDecimal",
                    where, number.getClass().getName()));
        }
        if (floating && (Double.isNaN(number.doubleValue()) || Double.isInfinite(number.doubleValue()))) {
            throw new IllegalArgumentException(String.format(
                    "%s is %s, which JSON cannot represent — use a finite number, null or a string", where, number));
        }
        return number;
    }

    /** Names the JSON type of a value for messages: "a string", "a number", "null", … */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof List) {
            return "a list";
        } else if (value instanceof Map) {
            return "an object";
        }
        return "a " + value.getClass().getName();
    }
}
