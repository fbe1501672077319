package dirt.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void failed_results_carry_the_reason() {
        assertThat(Results.failed("git clone failed").toJson())
                .isEqualTo(TaskJson.parse("{\"success\": false, \"reason\": \"git clone failed\"}"));
    }

    @Test
    void results_without_a_boolean_success_have_not_succeeded() {
        assertThat(Results.fromJson(TaskJson.parse("{\"sum\": 4}")).success()).isFalse();
        assertThat(Results.fromJson(TaskJson.parse("{\"success\": \"true\"}")).success()).isFalse();
    }

    @Test
    void malformed_values_a_task_wrote_are_kept() {
        String written = "{\"success\": true, \"reason\": 7, \"attach_links\": [\"oops\"]}";
        assertThat(Results.fromJson(TaskJson.parse(written)).toJson()).isEqualTo(TaskJson.parse(written));
    }

    @Test
    void extra_fields_can_be_added() {
        assertThat(Results.passed().with("sum", TaskJson.JSON.getNodeFactory().numberNode(4)).toJson())
                .isEqualTo(TaskJson.parse("{\"success\": true, \"sum\": 4}"));
    }
}
