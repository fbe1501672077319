package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** How one task shows in dirt status, watch and wait. */
class TaskLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_broadcast_shows_the_nodes_of_its_runs_where_a_task_shows_its_node() {
        ObjectNode parent = JSON.createObjectNode().put("_id", "clean").put("type", "task").put("name", "clean")
                .put("record_id", "r1").put("completed", 10);
        parent.putArray("children").add("clean@node-a").add("clean@node-b");
        parent.putObject("results").put("success", true);

        assertThat(TaskLine.of(parent).node()).contains("node-a, node-b");
        assertThat(TaskLine.of(parent.put("node", "build7")).node()).contains("build7");
    }
}
