package dirt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonObjectTest {
    private static final JsonObject TASK = Json.parseObject(
            "{\"_id\":\"t1\",\"_rev\":\"2-b\",\"type\":\"task\",\"n\":3,\"kwargs\":{\"a\":1},\"tags\":[\"x\"]}");

    @Test
    void a_builder_keeps_the_order_fields_were_put_in() {
        JsonObject doc = JsonObject.builder().put("b", "1").put("a", 2).put("c", true).put("d", 5L)
                .put("e", new BigDecimal("1.50")).put("f", JsonNull.NULL).build();
        assertThat(Json.write(doc)).isEqualTo("{\"b\":\"1\",\"a\":2,\"c\":true,\"d\":5,\"e\":1.50,\"f\":null}");
    }

    @Test
    void putting_a_field_again_replaces_it_in_place() {
        assertThat(Json.write(TASK.toBuilder().put("_id", "t2").build()))
                .startsWith("{\"_id\":\"t2\",\"_rev\":\"2-b\"");
    }

    @Test
    void with_and_without_return_changed_copies_and_leave_the_original() {
        JsonObject done = TASK.with("state", "done").without("kwargs");
        assertThat(done.string("state")).contains("done");
        assertThat(done.has("kwargs")).isFalse();
        assertThat(TASK.has("state")).isFalse();
        assertThat(TASK.has("kwargs")).isTrue();
        assertThat(TASK.without("nothing")).isSameAs(TASK);
    }

    @Test
    void fields_cannot_be_changed_in_place() {
        assertThatThrownBy(() -> TASK.fields().put("x", JsonNull.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_object_of_a_map_does_not_change_with_the_map() {
        Map<String, Json> map = new java.util.LinkedHashMap<>();
        map.put("a", JsonNull.NULL);
        JsonObject object = JsonObject.of(map);
        map.put("b", JsonNull.NULL);
        assertThat(object.size()).isEqualTo(1);
    }

    @Test
    void an_array_does_not_change_with_its_list() {
        List<Json> list = new ArrayList<>(List.of(new JsonString("a")));
        JsonArray array = new JsonArray(list);
        list.add(new JsonString("b"));
        assertThat(array.size()).isEqualTo(1);
        assertThatThrownBy(() -> array.values().add(JsonNull.NULL)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_builder_builds_once() {
        JsonObject.Builder builder = JsonObject.builder().put("a", 1);
        JsonObject built = builder.build();
        assertThatThrownBy(() -> builder.put("b", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this builder has built its object already — start a new one with JsonObject.builder() or"
                        + " toBuilder()");
        assertThat(built.size()).isEqualTo(1);
    }

    @Test
    void a_null_value_is_refused_with_the_field_named() {
        assertThatThrownBy(() -> JsonObject.builder().put("state", (String) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value of field \"state\" is null — use JsonNull.NULL for JSON null, or remove(field)");
    }

    @Test
    void a_null_in_an_array_is_refused_with_its_index() {
        assertThatThrownBy(() -> new JsonArray(java.util.Arrays.asList(JsonNull.NULL, null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("values[1] is null — use JsonNull.NULL for JSON null");
    }

    @Test
    void a_document_says_its_id_and_rev() {
        assertThat(TASK.id()).contains("t1");
        assertThat(TASK.rev()).contains("2-b");
        assertThat(JsonObject.EMPTY.id()).isEmpty();
        assertThat(JsonObject.builder().put("_id", 5).build().id()).isEmpty();
    }

    @Test
    void typed_reads_are_empty_when_the_field_is_missing_or_of_another_type() {
        assertThat(TASK.string("type")).contains("task");
        assertThat(TASK.string("n")).isEmpty();
        assertThat(TASK.string("missing")).isEmpty();
        assertThat(TASK.number("n")).contains(JsonNumber.of(3));
        assertThat(TASK.object("kwargs").flatMap(kwargs -> kwargs.number("a"))).contains(JsonNumber.of(1));
        assertThat(TASK.array("tags")).contains(JsonArray.ofStrings(List.of("x")));
        assertThat(TASK.array("kwargs")).isEmpty();
        assertThat(Json.parseObject("{\"b\":false}").bool("b")).contains(false);
    }

    @Test
    void objects_are_equal_by_content_whatever_the_order() {
        assertThat(Json.parseObject("{\"a\":1,\"b\":[true]}")).isEqualTo(Json.parseObject("{\"b\":[true],\"a\":1.0}"))
                .hasSameHashCodeAs(Json.parseObject("{\"b\":[true],\"a\":1}"));
        assertThat(Json.parseObject("{\"a\":1}")).isNotEqualTo(Json.parseObject("{\"a\":\"1\"}"));
    }
}
