package dirt.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.JacksonBridge;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTallyTest {
    private static ObjectNode waiting(String id) {
        return TaskJson.parse("{\"_id\": \"" + id + "\", \"type\": \"task\", \"record_id\": \"r1\", \"name\": \"n\"}");
    }

    private static ObjectNode running(String id) {
        return waiting(id).put("started", 10).put("node", "build7");
    }

    private static ObjectNode completed(String id, boolean success, double at) {
        ObjectNode task = running(id).put("completed", at);
        task.putObject("results").put("success", success);
        return task;
    }

    @Test
    void a_group_whose_tasks_passed_but_one_cancelled_is_cancelled_not_failed() {
        ObjectNode cancelled = completed("b", false, 2);
        ((ObjectNode) cancelled.get("results")).put("cancelled", true);

        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of(completed("a", true, 1), cancelled))).overall())
                .contains(TaskStatus.CANCELLED);
        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of(completed("a", false, 1), cancelled)))
                .overall()).contains(TaskStatus.FAILED);
    }

    @Test
    void counts_each_status_and_the_last_completion() {
        TaskTally tally = TaskTally.ofDocuments(JacksonBridge.objects(List.of(waiting("a"), running("b"),
                completed("c", true, 12.5), completed("d", false, 11))));

        assertThat(tally.total()).isEqualTo(4);
        assertThat(tally.done()).isEqualTo(2);
        assertThat(tally.unsuccessful()).isEqualTo(1);
        assertThat(tally.finished()).isFalse();
        assertThat(tally.lastCompleted()).contains(Instant.ofEpochSecond(12, 500_000_000));
        assertThat(tally.describe()).isEqualTo("1 passed, 1 failed, 1 running, 1 waiting");
    }

    @Test
    void the_overall_status_is_passed_only_when_every_task_passed() {
        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of(completed("a", true, 1), completed("b", true, 2)))).overall())
                .contains(TaskStatus.PASSED);
        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of(completed("a", true, 1), completed("b", false, 2)))).overall())
                .contains(TaskStatus.FAILED);
        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of(completed("a", false, 1), waiting("b")))).overall())
                .contains(TaskStatus.RUNNING);
        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of(waiting("a"), waiting("b")))).overall()).contains(TaskStatus.WAITING);
        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of())).overall()).isEmpty();
        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of())).finished()).isTrue();
    }

    @Test
    void a_malformed_task_that_serve_marked_failed_counts_as_failed() {
        ObjectNode invalid = TaskJson.parse("{\"_id\": \"x\", \"type\": \"task\", \"kwargs\": [1], \"completed\": 5,"
                + " \"results\": {\"success\": false, \"reason\": \"invalid task\"}}");

        assertThat(TaskTally.statusOf(JacksonBridge.object(invalid))).isEqualTo(TaskStatus.FAILED);
        assertThat(TaskTally.ofDocuments(JacksonBridge.objects(List.of(invalid))).lastCompleted()).contains(Instant.ofEpochSecond(5));
    }
}
