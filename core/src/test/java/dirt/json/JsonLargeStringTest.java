package dirt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonLargeStringTest {
    private static final String OVER_20_MB = "{\"data\":\"" + "A".repeat(JsonReader.MAX_STRING_LENGTH + 1) + "\"}";

    @Test
    void parse_refuses_a_string_longer_than_20_mb() {
        assertThat(JsonReader.MAX_STRING_LENGTH).isEqualTo(20_000_000);
        assertThatThrownBy(() -> Json.parse(OVER_20_MB)).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("String value length (20000001) exceeds the maximum allowed (20000000");
    }

    @Test
    void parse_large_takes_a_string_longer_than_20_mb_for_the_agents_reply_lines() {
        JsonObject reply = (JsonObject) Json.parseLarge(OVER_20_MB);

        assertThat(reply.string("data").orElseThrow()).hasSize(JsonReader.MAX_STRING_LENGTH + 1);
    }

    @Test
    void parse_large_reads_as_parse_does_otherwise() {
        String text = "{\"id\":7,\"ok\":true,\"result\":{\"n\":[1,2.50,null]}}";

        assertThat(Json.parseLarge(text)).isEqualTo(Json.parse(text));
        assertThat(Json.write(Json.parseLarge(text))).isEqualTo(text);
        assertThatThrownBy(() -> Json.parseLarge("{\"id\":")).isInstanceOf(InvalidJsonException.class);
    }
}
