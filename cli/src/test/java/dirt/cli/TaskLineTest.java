package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.JsonArray;
import dirt.json.JsonObject;
import org.junit.jupiter.api.Test;

/** How one task shows in dirt status, watch and wait. */
class TaskLineTest {
    @Test
    void a_broadcast_shows_the_nodes_of_its_runs_where_a_task_shows_its_node() {
        JsonObject parent = JsonObject.builder().put("_id", "clean").put("type", "task").put("name", "clean")
                .put("record_id", "r1").put("completed", 10)
                .put("children", JsonArray.ofStrings(java.util.List.of("clean@node-a", "clean@node-b")))
                .put("results", JsonObject.builder().put("success", true).build()).build();

        assertThat(TaskLine.of(parent).node()).contains("node-a, node-b");
        assertThat(TaskLine.of(parent.with("node", "build7")).node()).contains("build7");
    }
}
