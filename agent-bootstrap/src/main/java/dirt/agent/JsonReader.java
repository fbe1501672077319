package dirt.agent;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser (RFC 8259) with no dependencies: objects become {@code LinkedHashMap<String, Object>}
 * (a repeated key keeps its last value), arrays {@code ArrayList<Object>}, strings {@code String}, {@code true}/{@code
 * false} {@code Boolean}, {@code null} null, integers {@code Long} (or {@code BigInteger} past 64 bits) and other
 * numbers {@code Double} (or {@code BigDecimal} past the double range).
 */
final class JsonReader {
    /** Deeper nesting is refused rather than risking a stack overflow. */
    static final int MAX_DEPTH = 500;

    private final String text;
    private int pos;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text}, which must hold exactly one JSON value (whitespace around it is fine).
     *
     * @throws JsonSyntaxException naming the problem and its column
     */
    static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected " + reader.describeNext() + " after the JSON value");
        }
        return value;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a JSON value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describeNext() + ", expected a JSON value");
        }
    }

    private Map<String, Object> object() {
        enter();
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeNext() + ", expected a string key");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, value());
            skipWhitespace();
            if (next(',', '}') == '}') {
                depth--;
                return map;
            }
        }
    }

    private List<Object> array() {
        enter();
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            if (next(',', ']') == ']') {
                depth--;
                return list;
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            } else if (c == '\\') {
                out.append(escape());
            } else if (c < 0x20) {
                pos--;
                throw error(String.format("control character U+%04X in a string, escape it", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u': return unicode();
            default:
                pos--;
                throw error("invalid escape \\" + c);
        }
    }

    private char unicode() {
        if (pos + 4 > text.length()) {
            throw error("incomplete \\u escape");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos), 16);
            if (digit < 0) {
                throw error("invalid hex digit '" + text.charAt(pos) + "' in a \\u escape");
            }
            code = code * 16 + digit;
            pos++;
        }
        return (char) code;
    }

    private Number number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("invalid number, expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            integral = false;
            if (!digits()) {
                throw error("invalid number, expected a digit after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            integral = false;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("invalid number, expected a digit in the exponent");
            }
        }
        return toNumber(text.substring(start, pos), integral);
    }

    private static Number toNumber(String literal, boolean integral) {
        if (integral) {
            BigInteger value = new BigInteger(literal);
            return value.bitLength() < 64 ? (Number) value.longValue() : value;
        }
        double value = Double.parseDouble(literal);
        return Double.isInfinite(value) ? new BigDecimal(literal) : (Number) value;
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describeNext() + ", expected a JSON value");
        }
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private char next(char either, char or) {
        char c = peek();
        if (c != either && c != or) {
            throw error("unexpected " + describeNext() + ", expected '" + either + "' or '" + or + "'");
        }
        pos++;
        return c;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("unexpected " + describeNext() + ", expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeNext() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "character '" + c + "'";
    }

    private JsonSyntaxException error(String problem) {
        return new JsonSyntaxException(problem, pos + 1);
    }
}
