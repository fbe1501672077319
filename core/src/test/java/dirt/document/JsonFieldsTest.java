package dirt.document;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.Json;
import dirt.json.JsonNumber;
import dirt.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    private final List<String> problems = new ArrayList<>();

    private JsonFields fields(String json) {
        return new JsonFields(Json.parseObject(json), (expected, value) -> "not " + expected + ": " + value,
                (field, message) -> problems.add(field + " " + message));
    }

    @Test
    void a_field_of_the_wrong_type_reads_as_empty_and_is_a_problem_in_the_readers_words() {
        JsonFields in = fields("{\"name\": 42, \"size\": 7}");

        assertThat(in.typed("name", "a string", JsonString.class)).isEmpty();
        assertThat(in.typed("size", "an integer", JsonNumber.class).map(JsonNumber::intValue)).contains(7);
        assertThat(problems).containsExactly("name not a string: 42");
    }

    @Test
    void a_field_is_read_by_any_test_and_conversion() {
        JsonFields in = fields("{\"size\": 7.5}");

        assertThat(in.typed("size", "a whole number", value -> value instanceof JsonNumber number
                && number.isIntegral(), value -> ((JsonNumber) value).intValue())).isEmpty();
        assertThat(problems).containsExactly("size not a whole number: 7.5");
    }

    @Test
    void json_null_reads_as_absent_without_a_problem() {
        JsonFields in = fields("{\"name\": null}");

        assertThat(in.typed("name", "a string", JsonString.class)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void the_fields_nobody_asked_for_are_listed_in_the_objects_order() {
        JsonFields in = fields("{\"c\": 1, \"a\": 2, \"b\": 3}");
        in.value("a");
        in.value("missing");

        assertThat(in.unasked()).containsExactly("c", "b");
        assertThat(in.asked()).containsExactly("a", "missing");
    }
}
