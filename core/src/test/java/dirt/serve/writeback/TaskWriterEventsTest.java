package dirt.serve.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.serve.ServeEvents;
import dirt.store.Store;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import dirt.task.TaskStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The writer tells serve's events of the claims, claim conflicts and completions it stored, once each. */
@ExtendWith(CouchServerExtension.class)
class TaskWriterEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> told = new CopyOnWriteArrayList<>();
    private Store store;
    private TaskWriter writer;

    @BeforeEach
    void a_writer_that_tells(TestCouch couch) {
        store = TestCouch.store(couch.newDatabase());
        writer = new TaskWriter(store, new ServeEvents() {
            @Override
            public void claimed(String task) {
                told.add("claimed " + task);
            }

            @Override
            public void completed(String task, TaskStatus outcome) {
                told.add("completed " + task + " " + outcome);
            }

            @Override
            public void conflict(Conflict what) {
                told.add("conflict " + what);
            }
        });
    }

    private ObjectNode stored(String id) {
        ObjectNode task = JSON.createObjectNode().put("_id", id).put("type", "task").put("name", "unit")
                .put("record_id", "r1");
        return task.put("_rev", store.put(JacksonBridge.object(task)));
    }

    @Test
    void a_claim_that_wins_and_one_that_loses_are_told_as_a_claim_and_a_conflict() {
        ObjectNode won = stored("t1").put("started", 1);
        ObjectNode stale = stored("t2");
        store.put(JacksonBridge.object(stale.deepCopy().put("cancel", true)));

        writer.claimAll(JacksonBridge.objects(List.of(won, stale.put("started", 1))));

        assertThat(told).containsExactly("claimed unit", "conflict TASK");
    }

    @Test
    void a_completion_is_told_once_with_the_outcome_its_document_shows() throws InterruptedException {
        stored("t1");
        JsonObject passed = JsonObject.builder().put("success", true).build();

        writer.updateDurably("t1", Optional.empty(), current -> current.has("completed") ? null
                : current.toBuilder().put("completed", 2).put("results", passed).build(), () -> true);
        writer.updateRaw("t1", current -> current.with("completed", JsonNumber.of(3)));

        assertThat(told).containsExactly("completed unit PASSED");
    }

    @Test
    void a_write_that_does_not_complete_the_task_is_not_told() {
        stored("t1");

        writer.updateRaw("t1", current -> current.with("waiting", "no node"));

        assertThat(told).isEmpty();
    }
}
