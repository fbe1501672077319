package dirt.agent;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes JSON on one line, ASCII only (every other character as a {@code \}{@code uXXXX} escape, so the output
 * survives any channel's character set). Accepts null, {@code String}, {@code Boolean}, {@code Number} (finite),
 * {@code Map} with string keys, {@code Iterable} and object arrays, nested.
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {}

    /**
     * Returns {@code value} as JSON text.
     *
     * @throws IllegalArgumentException if {@code value} holds something that is not JSON, naming where
     */
    static String write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, "$");
        return writer.out.toString();
    }

    private void value(Object value, String where) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String string) {
            string(string);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Character) {
            string(value.toString());
        } else if (value instanceof Number number) {
            number(number, where);
        } else if (value instanceof Map<?, ?> map) {
            object(map, where);
        } else if (value instanceof Iterable<?> iterable) {
            array(iterable, where);
        } else if (value instanceof Object[] array) {
            array(Arrays.asList(array), where);
        } else {
            throw new IllegalArgumentException(String.format(
                    "%s is a %s, which has no JSON form", where, value.getClass().getName()));
        }
    }

    private void object(Map<?, ?> map, String where) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(String.format(
                        "%s has the key %s, but JSON object keys are strings", where, entry.getKey()));
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(key);
            out.append(':');
            value(entry.getValue(), where + "." + key);
        }
        out.append('}');
    }

    private void array(Iterable<?> values, String where) {
        out.append('[');
        int i = 0;
        for (Object element : values) {
            if (i > 0) {
                out.append(',');
            }
            value(element, where + "[" + i++ + "]");
        }
        out.append(']');
    }

    private void number(Number number, String where) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(where + " is " + d + ", which JSON cannot represent");
            }
            out.append(number);
        } else if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger || number instanceof BigDecimal) {
            out.append(number);
        } else {
            number(Double.valueOf(number.doubleValue()), where);
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
