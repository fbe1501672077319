package dirt.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();

    private JsonFields fields(String json) throws Exception {
        return new JsonFields((ObjectNode) JSON.readTree(json), (expected, value) -> "not " + expected + ": " + value,
                (field, message) -> problems.add(field + " " + message));
    }

    @Test
    void a_field_of_the_wrong_type_reads_as_empty_and_is_a_problem_in_the_readers_words() throws Exception {
        JsonFields in = fields("{\"name\": 42, \"size\": 7}");

        assertThat(in.typed("name", "a string", JsonNode::isTextual, JsonNode::textValue)).isEmpty();
        assertThat(in.typed("size", "an integer", JsonNode::isInt, JsonNode::intValue)).contains(7);
        assertThat(problems).containsExactly("name not a string: 42");
    }

    @Test
    void json_null_reads_as_absent_without_a_problem() throws Exception {
        JsonFields in = fields("{\"name\": null}");

        assertThat(in.typed("name", "a string", JsonNode::isTextual, JsonNode::textValue)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void the_fields_nobody_asked_for_are_listed_in_the_objects_order() throws Exception {
        JsonFields in = fields("{\"c\": 1, \"a\": 2, \"b\": 3}");
        in.value("a");
        in.value("missing");

        assertThat(in.unasked()).containsExactly("c", "b");
        assertThat(in.asked()).containsExactly("a", "missing");
    }
}
