package dirt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonParseWriteTest {
    @Test
    void a_document_round_trips_to_the_same_compact_text() {
        String text = "{\"_id\":\"t1\",\"_rev\":\"1-a\",\"kwargs\":{\"n\":[1,2.5,true,false,null,\"x\"]},\"e\":{}}";
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }

    @Test
    void bytes_are_utf8_as_jackson_writes_them_and_parse_back_to_an_equal_value() {
        JsonObject doc = Json.parseObject("{\"name\":\"größe ✓ 😀\"}");
        byte[] bytes = Json.bytes(doc);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"größe ✓ \\uD83D\\uDE00\"}");
        assertThat(Json.write(doc)).isEqualTo("{\"name\":\"größe ✓ 😀\"}");
        assertThat(Json.parseObject(bytes)).isEqualTo(doc);
    }

    @Test
    void whitespace_is_dropped_when_written() {
        assertThat(Json.write(Json.parse(" {\n \"a\" : [ 1 , 2 ] }\n"))).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void fields_keep_the_order_they_were_read_in() {
        JsonObject doc = Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(doc.fields().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void of_a_field_given_twice_the_last_value_counts_in_the_first_place() {
        JsonObject doc = Json.parseObject("{\"a\":1,\"b\":2,\"a\":3}");
        assertThat(Json.write(doc)).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void escapes_are_read_and_written_as_json_requires() {
        Json value = Json.parse("\"tab\\t quote\\\" backslash\\\\ nl\\n ctl\\u0001 e\\u00e9 slash\\/\"");
        assertThat(value).isEqualTo(new JsonString("tab\t quote\" backslash\\ nl\n ctl\u0001 e\u00e9 slash/"));
        assertThat(Json.write(value)).isEqualTo("\"tab\\t quote\\\" backslash\\\\ nl\\n ctl\\u0001 eé slash/\"");
    }

    @Test
    void big_integers_are_kept_exactly() {
        String big = "123456789012345678901234567890";
        JsonNumber number = (JsonNumber) Json.parse(big);
        assertThat(number.value()).isEqualTo(new BigDecimal(big));
        assertThat(Json.write(number)).isEqualTo(big);
    }

    @Test
    void decimals_are_kept_exactly_not_as_doubles() {
        assertThat(Json.write(Json.parse("[0.1,1.10,3.141592653589793238462643383279,-2.5e-3]")))
                .isEqualTo("[0.1,1.10,3.141592653589793238462643383279,-0.0025]");
    }

    @Test
    void a_number_with_an_exponent_stays_a_decimal_when_written() {
        assertThat(Json.write(Json.parse("[1.2345678E7,1e2,1.0]"))).isEqualTo("[12345678.0,1E+2,1.0]");
        assertThat(((JsonNumber) Json.parse("1.2345678E7")).isIntegral()).isFalse();
        assertThat(((JsonNumber) Json.parse("12345678")).isIntegral()).isTrue();
    }

    @Test
    void any_json_value_may_be_the_root() {
        assertThat(Json.parse("null")).isEqualTo(JsonNull.NULL);
        assertThat(Json.parse("true")).isEqualTo(JsonBoolean.TRUE);
        assertThat(Json.parse("[]")).isEqualTo(JsonArray.EMPTY);
        assertThat(Json.parse("\"s\"")).isEqualTo(new JsonString("s"));
    }

    @Test
    void invalid_json_says_where_it_went_wrong() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,\n \"b\" x}"))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessage("invalid JSON: line=2 column=6 problem=\"Unexpected character ('x' (code 120)):"
                        + " was expecting a colon to separate field name and value\"")
                .satisfies(e -> {
                    InvalidJsonException invalid = (InvalidJsonException) e;
                    assertThat(invalid.line()).isEqualTo(2);
                    assertThat(invalid.column()).isEqualTo(6);
                    assertThat(invalid.offset()).isEqualTo(14);
                });
    }

    @Test
    void invalid_json_is_a_dirt_exception() {
        assertThatThrownBy(() -> Json.parse("[1,")).isInstanceOf(dirt.DirtException.class)
                .hasMessageStartingWith("invalid JSON: line=1 column=4 problem=\"Unexpected end-of-input");
    }

    @Test
    void empty_text_is_not_json() {
        assertThatThrownBy(() -> Json.parse(" ")).isInstanceOf(InvalidJsonException.class)
                .hasMessage("invalid JSON: line=1 column=2 problem=\"there is no JSON value: the text is empty\"");
    }

    @Test
    void text_after_the_value_is_not_json() {
        assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(InvalidJsonException.class)
                .hasMessage("invalid JSON: line=1 column=5 problem=\"there is more after the JSON value\"");
    }

    @Test
    void a_value_that_is_not_an_object_is_not_a_document() {
        assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(InvalidJsonException.class)
                .hasMessage("JSON is not an object: type=\"array\" — a document is a JSON object, {...}");
    }

    @Test
    void an_unclosed_object_says_where_it_started_in_plain_words() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1")).isInstanceOf(InvalidJsonException.class)
                .hasMessage("invalid JSON: line=1 column=8 problem=\"Unexpected end-of-input: expected close marker"
                        + " for Object (start marker at line 1, column 1)\"");
    }

    @Test
    void nesting_deeper_than_1000_levels_is_refused() {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("nesting depth (1001) exceeds the maximum allowed (1000)")
                .hasMessageContaining("line=1 column=1002").hasMessageNotContaining("StreamReadConstraints");
        String ok = "[".repeat(1000) + "]".repeat(1000);
        assertThat(Json.write(Json.parse(ok))).isEqualTo(ok);
    }

    @Test
    void numbers_longer_than_1000_digits_are_refused() {
        assertThatThrownBy(() -> Json.parse("1".repeat(1001))).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("Number value length (1001) exceeds the maximum allowed (1000");
    }

    @Test
    void bytes_report_the_byte_offset_of_the_error() {
        InvalidJsonException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidJsonException.class,
                () -> Json.parse("{\"é\": ]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.offset()).isEqualTo(7);
    }

    @Test
    void to_string_is_the_compact_json_text() {
        JsonObject doc = JsonObject.builder().put("a", "x\"y").put("n", List.of(1).size()).build();
        assertThat(doc.toString()).isEqualTo("{\"a\":\"x\\\"y\",\"n\":1}");
        assertThat(new JsonString("q\"").toString()).isEqualTo("\"q\\\"\"");
        assertThat(JsonNull.NULL.toString()).isEqualTo("null");
    }

    @Test
    void a_number_no_64_bit_float_can_hold_is_refused_before_any_arithmetic_on_it() {
        for (String number : List.of("1e999999999", "1e-999999999", "-1e400")) {
            assertThatThrownBy(() -> Json.parse("{\"created\": " + number + "}"))
                    .isInstanceOf(InvalidJsonException.class)
                    .hasMessageContaining("number out of range: " + number);
        }
        assertThat(Json.parse("[1e300, 4.9e-324]")).hasToString("[1E+300,4.9E-324]");
    }
}
