package dirt.task;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.Json;
import dirt.json.JsonNumber;
import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void failed_results_carry_the_reason() {
        assertThat(Results.failed("git clone failed").toJson())
                .isEqualTo(Json.parseObject("{\"success\": false, \"reason\": \"git clone failed\"}"));
    }

    @Test
    void results_without_a_boolean_success_have_not_succeeded() {
        assertThat(Results.fromJson(Json.parseObject("{\"sum\": 4}")).success()).isFalse();
        assertThat(Results.fromJson(Json.parseObject("{\"success\": \"true\"}")).success()).isFalse();
    }

    @Test
    void malformed_values_a_task_wrote_are_kept() {
        String written = "{\"success\": true, \"reason\": 7, \"attach_links\": [\"oops\"]}";
        assertThat(Results.fromJson(Json.parseObject(written)).toJson()).isEqualTo(Json.parseObject(written));
    }

    @Test
    void extra_fields_can_be_added() {
        assertThat(Results.passed().with("sum", JsonNumber.of(4)).toJson())
                .isEqualTo(Json.parseObject("{\"success\": true, \"sum\": 4}"));
    }
}
