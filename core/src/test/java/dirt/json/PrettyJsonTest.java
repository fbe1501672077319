package dirt.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrettyJsonTest {
    /** Numbers read exactly, as dirt.json keeps them. */
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @ParameterizedTest
    @ValueSource(strings = {
        "[]", "{}", "[{\"id\":\"a\",\"ok\":true,\"rev\":\"1-x\"},{\"id\":\"b\",\"ok\":false,\"reason\":null}]",
        "{\"records\":[{\"id\":\"r1\",\"counts\":{\"done\":2,\"empty\":{}},\"tags\":[\"a\",\"b\"]}],\"none\":[]}",
        "{\"s\":\"quote \\\" slash \\\\ tab \\t nl \\n \\u0001 é\",\"n\":-12,\"d\":1.5,\"t\":true,\"z\":null}",
        "[[1,[2,{}]],{\"a\":[{\"b\":{\"c\":[]}}]}]", "\"text\"", "42", "[1.7E9,1700000000.123,0.001,-2.5,1e3,12345678901234567890,1796674872.596453]"
    })
    void pretty_text_is_laid_out_as_jackson_lays_it_out_with_numbers_as_written(String json) throws Exception {
        assertThat(PrettyJson.text(Json.parse(json))).isEqualTo(JACKSON.readTree(json).toPrettyString());
    }

    @Test
    void numbers_are_printed_as_written_not_as_doubles() {
        assertThat(PrettyJson.text(Json.parse("{\"probed\":1796674872.596453,\"price\":1.50}")))
                .isEqualTo("{\n  \"probed\" : 1796674872.596453,\n  \"price\" : 1.50\n}");
    }
}
