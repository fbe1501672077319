package dirt.agent;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Writes JSON on one line, ASCII only (every other character as a {@code \}{@code uXXXX} escape, so the output
 * survives any channel's character set). Accepts null, {@code String}, {@code Boolean}, {@code Number} (finite),
 * {@code Map} with string keys, {@code Iterable} and object arrays, nested, and {@link Base64Bytes} (written as a
 * base64 string straight from the bytes, so that megabytes of attachments need no text copy).
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Bytes encoded per step: a multiple of 3, so that the pieces join into one valid base64 text. */
    private static final int BASE64_CHUNK = 3 * 16384;

    private final OutputStream out;
    private final StringBuilder text = new StringBuilder();

    private JsonWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes that JSON carries as a base64 string (RFC 4648, padded). Not copied: do not change them. */
    record Base64Bytes(byte[] bytes) {}

    /**
     * Returns {@code value} as JSON text.
     *
     * @throws IllegalArgumentException if {@code value} holds something that is not JSON, naming where
     */
    static String write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(value, bytes);
        return bytes.toString(US_ASCII);
    }

    /**
     * Writes {@code value} as JSON text to {@code out} (without a line end), checking all of it first so that a value
     * that is not JSON leaves {@code out} untouched.
     *
     * @throws IllegalArgumentException if {@code value} holds something that is not JSON, naming where
     * @throws UncheckedIOException if writing to {@code out} fails
     */
    static void write(Object value, OutputStream out) {
        check(value);
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 65536);
            JsonWriter writer = new JsonWriter(buffered);
            writer.value(value, "$");
            writer.flushText();
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks that {@code value} is JSON, writing nothing; see {@link #write(Object)}. */
    static void check(Object value) {
        try {
            new JsonWriter(null).value(value, "$");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void value(Object value, String where) throws IOException {
        if (text.length() >= 8192) {
            flushText();
        }
        if (value instanceof Base64Bytes base64) {
            base64(base64.bytes());
        } else if (value == null) {
            text.append("null");
        } else if (value instanceof String string) {
            string(string);
        } else if (value instanceof Boolean) {
            text.append(value);
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

    private void base64(byte[] bytes) throws IOException {
        text.append('"');
        flushText();
        if (out != null) {
            Base64.Encoder encoder = Base64.getEncoder();
            for (int start = 0; start < bytes.length; start += BASE64_CHUNK) {
                int length = Math.min(BASE64_CHUNK, bytes.length - start);
                ByteBuffer encoded = encoder.encode(ByteBuffer.wrap(bytes, start, length));
                out.write(encoded.array(), encoded.arrayOffset(), encoded.remaining());
            }
        }
        text.append('"');
    }

    /** Moves the text gathered so far to the output (or drops it when only checking). */
    private void flushText() throws IOException {
        if (out != null) {
            out.write(text.toString().getBytes(US_ASCII));
        }
        text.setLength(0);
    }

    private void object(Map<?, ?> map, String where) throws IOException {
        text.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(String.format(
                        "%s has the key %s, but JSON object keys are strings", where, entry.getKey()));
            }
            if (!first) {
                text.append(',');
            }
            first = false;
            string(key);
            text.append(':');
            value(entry.getValue(), where + "." + key);
        }
        text.append('}');
    }

    private void array(Iterable<?> values, String where) throws IOException {
        text.append('[');
        int i = 0;
        for (Object element : values) {
            if (i > 0) {
                text.append(',');
            }
            value(element, where + "[" + i++ + "]");
        }
        text.append(']');
    }

    private void number(Number number, String where) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(where + " is " + d + ", which JSON cannot represent");
            }
            text.append(number);
        } else if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger || number instanceof BigDecimal) {
            text.append(number);
        } else {
            number(Double.valueOf(number.doubleValue()), where);
        }
    }

    private void string(String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        text.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
