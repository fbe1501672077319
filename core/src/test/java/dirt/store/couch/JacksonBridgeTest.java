package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.Json;
import dirt.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JacksonBridgeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DOC = "{\"_id\":\"t\",\"i\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,"
            + "\"d\":1.5,\"e\":1e2,\"s\":\"é\\n\",\"t\":true,\"z\":null,\"a\":[{},[]],\"o\":{\"k\":\"v\"}}";

    @Test
    void a_tree_of_our_object_equals_the_tree_jackson_parses_from_the_same_text() throws Exception {
        assertThat(JacksonBridge.tree(Json.parseObject(DOC))).isEqualTo(MAPPER.readTree(DOC));
    }

    @Test
    void our_object_of_a_jackson_tree_equals_the_object_we_parse_from_the_same_text() throws Exception {
        assertThat(JacksonBridge.object((ObjectNode) MAPPER.readTree(DOC))).isEqualTo(Json.parseObject(DOC));
    }

    @Test
    void a_round_trip_through_a_tree_writes_the_same_text_as_jackson() throws Exception {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(DOC);
        assertThat(Json.write(JacksonBridge.object(tree)).replace("1.0E+2", "100.0"))
                .isEqualTo(MAPPER.writeValueAsString(tree));
    }

    @Test
    void a_double_with_a_whole_value_stays_a_double() {
        Json value = JacksonBridge.value(DoubleNode.valueOf(12345678.0));
        assertThat(Json.write(value)).isEqualTo("12345678.0");
        assertThat(JacksonBridge.tree(value)).isEqualTo(DoubleNode.valueOf(12345678.0));
    }

    @Test
    void what_json_cannot_hold_is_refused() {
        assertThatThrownBy(() -> JacksonBridge.value(DoubleNode.valueOf(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a JSON number: value=\"NaN\"");
        assertThatThrownBy(() -> JacksonBridge.value(MAPPER.missingNode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a JSON value: node=\"MISSING\"");
    }

    @Test
    void an_edit_of_the_tree_in_place_changes_a_copy_of_our_object() {
        JsonObject doc = Json.parseObject("{\"_id\":\"t\"}");
        JsonObject edited = JacksonBridge.edit(tree -> tree.put("state", "done")).apply(doc);
        assertThat(edited).isEqualTo(Json.parseObject("{\"_id\":\"t\",\"state\":\"done\"}"));
        assertThat(doc.has("state")).isFalse();
        assertThat(JacksonBridge.edit(tree -> null).apply(doc)).isNull();
    }

    @Test
    void an_optional_edit_sees_a_missing_document_as_empty() {
        JsonObject made = JacksonBridge.editOptional(current -> current.orElseGet(MAPPER::createObjectNode)
                .put("_id", "new")).apply(Optional.empty());
        assertThat(made.id()).contains("new");
    }

    @Test
    void a_tree_is_the_callers_to_change() {
        JsonObject doc = Json.parseObject("{\"a\":{\"b\":1}}");
        ObjectNode tree = JacksonBridge.tree(doc);
        ((ObjectNode) tree.get("a")).put("b", 2);
        JsonNode again = JacksonBridge.tree(doc);
        assertThat(again.path("a").path("b").intValue()).isEqualTo(1);
    }
}
