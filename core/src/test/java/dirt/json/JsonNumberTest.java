package dirt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonNumberTest {
    @Test
    void numbers_of_the_same_value_are_equal_whatever_their_scale() {
        assertThat(Json.parse("1")).isEqualTo(Json.parse("1.0")).isEqualTo(Json.parse("1e0"));
        assertThat(Json.parse("1").hashCode()).isEqualTo(Json.parse("1.000").hashCode());
        assertThat(Json.parse("0").hashCode()).isEqualTo(Json.parse("0.00").hashCode());
        assertThat(Json.parse("100")).isEqualTo(Json.parse("1E+2"));
        assertThat(Json.parse("1")).isNotEqualTo(Json.parse("1.01"));
    }

    @Test
    void equal_numbers_keep_their_own_text() {
        assertThat(Json.write(Json.parse("1.0"))).isEqualTo("1.0");
        assertThat(Json.write(Json.parse("1"))).isEqualTo("1");
    }

    @Test
    void whole_numbers_read_as_long_and_int_exactly() {
        assertThat(JsonNumber.of(Long.MAX_VALUE).longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(((JsonNumber) Json.parse("3.0")).intValue()).isEqualTo(3);
        assertThat(((JsonNumber) Json.parse("-7")).longValue()).isEqualTo(-7);
    }

    @Test
    void a_fraction_is_not_a_long() {
        assertThatThrownBy(() -> ((JsonNumber) Json.parse("1.5")).longValue())
                .isInstanceOf(ArithmeticException.class).hasMessage("number is not a long: value=\"1.5\"");
    }

    @Test
    void a_number_too_big_for_an_int_is_not_an_int() {
        assertThatThrownBy(() -> JsonNumber.of(3_000_000_000L).intValue())
                .isInstanceOf(ArithmeticException.class).hasMessage("number is not an int: value=\"3000000000\"");
    }

    @Test
    void a_number_too_big_for_a_long_is_not_a_long() {
        assertThatThrownBy(() -> ((JsonNumber) Json.parse("9223372036854775808")).longValue())
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("number is not a long: value=\"9223372036854775808\"");
    }

    @Test
    void a_number_needs_a_value() {
        assertThatThrownBy(() -> new JsonNumber(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value is null");
    }

    @Test
    void a_double_value_is_the_nearest_double() {
        assertThat(JsonNumber.of(new BigDecimal("0.1")).doubleValue()).isEqualTo(0.1);
    }
}
