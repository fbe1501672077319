package dirt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
    @Test
    void scalars_are_read_as_java_values() {
        assertThat(JsonReader.parse("null")).isNull();
        assertThat(JsonReader.parse(" true ")).isEqualTo(true);
        assertThat(JsonReader.parse("false")).isEqualTo(false);
        assertThat(JsonReader.parse("\"text\"")).isEqualTo("text");
        assertThat(JsonReader.parse("42")).isEqualTo(42L);
        assertThat(JsonReader.parse("-7")).isEqualTo(-7L);
        assertThat(JsonReader.parse("0")).isEqualTo(0L);
        assertThat(JsonReader.parse("1.5")).isEqualTo(1.5);
        assertThat(JsonReader.parse("-2.5e3")).isEqualTo(-2500.0);
        assertThat(JsonReader.parse("1E2")).isEqualTo(100.0);
    }

    @Test
    void numbers_beyond_long_and_double_keep_their_value() {
        assertThat(JsonReader.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonReader.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonReader.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(JsonReader.parse("1e400")).isEqualTo(new BigDecimal("1e400"));
    }

    @Test
    void objects_keep_their_key_order_and_arrays_nest() {
        Object value = JsonReader.parse("{\"b\": 1, \"a\": [true, null, {\"c\": []}], \"e\": {}}");

        assertThat(value).isInstanceOf(Map.class);
        assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.of("b", "a", "e"));
        assertThat(value).isEqualTo(map("b", 1L, "a", Arrays.asList(true, null, map("c", List.of())), "e", map()));
    }

    @Test
    void repeated_key_keeps_the_last_value() {
        assertThat(JsonReader.parse("{\"a\": 1, \"a\": 2}")).isEqualTo(map("a", 2L));
    }

    @Test
    void string_escapes_and_unicode_are_decoded() {
        assertThat(JsonReader.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"")).isEqualTo("q\" b\\ s/ \b\f\n\r\t");
        assertThat(JsonReader.parse("\"caf\\u00e9 \\u00E9\"")).isEqualTo("café é");
        assertThat(JsonReader.parse("\"\\ud83d\\ude00\"")).isEqualTo("😀");
        assertThat(JsonReader.parse("\"raw é 😀\"")).isEqualTo("raw é 😀");
    }

    @Test
    void writer_escapes_quotes_controls_and_everything_beyond_ascii() {
        assertThat(JsonWriter.write("a\"b\\c\nd\te\u0001f")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\"");
        assertThat(JsonWriter.write("café 😀")).isEqualTo("\"caf\\u00e9 \\ud83d\\ude00\"");
    }

    @Test
    void values_survive_a_round_trip() {
        Map<String, Object> value = map("s", "line\nnext é 😀 \u2028", "n", -12L, "d", 0.25, "big",
                new BigInteger("123456789012345678901234567890"), "t", true, "null", null,
                "list", Arrays.asList(1L, "two", null, List.of(), map()), "nested", map("x", map("y", List.of(false))));

        String json = JsonWriter.write(value);

        assertThat(json).doesNotContain("\n").matches("\\p{ASCII}*");
        assertThat(JsonReader.parse(json)).isEqualTo(value);
    }

    @Test
    void base64_bytes_are_written_as_a_base64_string_in_pieces_that_join() {
        byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);

        String json = JsonWriter.write(map("data", new JsonWriter.Base64Bytes(bytes), "after", 1));

        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) JsonReader.parse(json);
        assertThat(Base64.getDecoder().decode((String) parsed.get("data"))).isEqualTo(bytes);
        assertThat(parsed).containsEntry("after", 1L);
    }

    @Test
    void writing_to_a_stream_writes_nothing_when_a_value_is_not_json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> JsonWriter.write(map("ok", "x".repeat(100_000), "bad", new Object()), out))
                .hasMessage("$.bad is a java.lang.Object, which has no JSON form");
        assertThat(out.size()).isZero();
    }

    @Test
    void writer_writes_numbers_as_json_numbers() {
        assertThat(JsonWriter.write(List.of(1, 2L, (short) 3, 1.5, 1e20, 2.5f, new BigDecimal("1.10"))))
                .isEqualTo("[1,2,3,1.5,1.0E20,2.5,1.10]");
        assertThat(JsonReader.parse("1.0E20")).isEqualTo(1e20);
    }

    @Test
    void writer_refuses_values_json_cannot_hold_naming_where() {
        assertThatThrownBy(() -> JsonWriter.write(map("load", List.of(Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("$.load[0] is NaN, which JSON cannot represent");
        assertThatThrownBy(() -> JsonWriter.write(map("when", new Object())))
                .hasMessage("$.when is a java.lang.Object, which has no JSON form");
        Map<Object, Object> numericKeys = new LinkedHashMap<>();
        numericKeys.put(1, "one");
        assertThatThrownBy(() -> JsonWriter.write(numericKeys))
                .hasMessage("$ has the key 1, but JSON object keys are strings");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                     | unexpected end of input, expected a JSON value at column 1",
        "'{\"a\": 1} x'         | unexpected character 'x' after the JSON value at column 10",
        "'{\"a\" 1}'            | unexpected character '1', expected ':' at column 6",
        "'{\"a\": 1,}'          | unexpected character '}', expected a string key at column 9",
        "'{a: 1}'               | unexpected character 'a', expected a string key at column 2",
        "'[1, 2'                | unexpected end of input, expected ',' or ']' at column 6",
        "'[1 2]'                | unexpected character '2', expected ',' or ']' at column 4",
        "'\"open'               | unterminated string at column 6",
        "'\"bad \\q\"'          | invalid escape \\q at column 7",
        "'\"\\u12G4\"'          | invalid hex digit 'G' in a \\u escape at column 6",
        "'\"\\u12'              | incomplete \\u escape at column 4",
        "'01'                   | unexpected character '1' after the JSON value at column 2",
        "'-'                    | invalid number, expected a digit at column 2",
        "'1.'                   | invalid number, expected a digit after '.' at column 3",
        "'1e'                   | invalid number, expected a digit in the exponent at column 3",
        "'nul'                  | unexpected character 'n', expected a JSON value at column 1",
        "'True'                 | unexpected character 'T', expected a JSON value at column 1",
    })
    void malformed_text_is_refused_naming_the_problem_and_column(String text, String message) {
        assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOf(JsonSyntaxException.class).hasMessage(message);
    }

    @Test
    void control_character_inside_a_string_is_refused() {
        assertThatThrownBy(() -> JsonReader.parse("\"a\tb\""))
                .hasMessage("control character U+0009 in a string, escape it at column 3");
    }

    @Test
    void nesting_deeper_than_the_limit_is_refused_without_overflowing_the_stack() {
        String deep = "[".repeat(100_000);

        assertThatThrownBy(() -> JsonReader.parse(deep))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessage("nesting deeper than 500 levels at column 501");
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
