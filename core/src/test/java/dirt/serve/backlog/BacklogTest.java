package dirt.serve.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.serve.ServeState;
import dirt.serve.writeback.Attempts;
import dirt.store.couch.JacksonBridge;
import dirt.task.Task;
import org.junit.jupiter.api.Test;

/** The backlog's order and what it says about waiting tasks, without a database. */
class BacklogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Pending task(String id, long created) {
        return pending(doc(id, created));
    }

    private static Pending pending(ObjectNode doc) {
        return Pending.of(Task.fromJson(JacksonBridge.object(doc)), JacksonBridge.object(doc));
    }

    private static ObjectNode doc(String id, long created) {
        return JSON.createObjectNode().put("_id", id).put("_rev", "1-a").put("type", "task").put("record_id", "r1")
                .put("name", "examples.simple").put("created", created);
    }

    @Test
    void a_task_that_ran_before_goes_first_then_the_oldest_then_by_id() {
        Backlog backlog = new Backlog();
        backlog.add(task("new", 300));
        backlog.add(task("b-old", 100));
        backlog.add(task("a-old", 100));
        backlog.add(pending(doc("lost", 500).put(Attempts.ATTEMPT, 1)));

        assertThat(backlog.inOrder()).extracting(Pending::id)
                .containsExactly("lost", "a-old", "b-old", "new");
    }

    @Test
    void a_reason_to_wait_is_news_once_and_again_after_the_task_changed_or_its_write_failed() {
        Backlog backlog = new Backlog();
        Pending waiting = task("t1", 100);
        backlog.add(waiting);

        assertThat(backlog.waits(waiting, "no node")).isTrue();
        assertThat(backlog.waits(waiting, "no node")).isFalse();
        assertThat(backlog.waits(waiting, "all nodes full")).isTrue();
        backlog.reasonNotWritten("t1");
        assertThat(backlog.waits(waiting, "all nodes full")).isTrue();
        assertThat(backlog.waits(pending(doc("t2", 1).put(Attempts.WAITING, "no node")), "no node"))
                .as("already on the document").isFalse();
    }

    @Test
    void it_is_settled_only_when_every_pending_task_waits_for_a_node() {
        Backlog backlog = new Backlog();
        backlog.add(task("t1", 1));
        backlog.add(task("t2", 2));
        backlog.waitsForNode("t1", true);

        assertThat(backlog.onlyWaitingForNodes()).isFalse();
        backlog.remove("t2");
        assertThat(backlog.onlyWaitingForNodes()).isTrue();
    }

    @Test
    void a_task_seen_again_takes_its_new_place_and_keeps_its_whole_document() {
        Backlog backlog = new Backlog();
        backlog.add(task("t1", 100));
        backlog.add(task("t2", 200));
        backlog.add(pending(doc("t2", 200).put("_rev", "2-b").put(Attempts.ATTEMPT, 1).put("platform", "linux")));

        assertThat(backlog.inOrder()).extracting(Pending::id).containsExactly("t2", "t1");
        assertThat(backlog.inOrder().get(0).json().string("platform").orElseThrow()).isEqualTo("linux");
        assertThat(backlog.inOrder().get(0).task().rev()).contains("2-b");
    }

    @Test
    void it_counts_the_tasks_by_why_they_wait_and_those_not_judged_yet_as_new() {
        Backlog backlog = new Backlog();
        backlog.add(task("t1", 1));
        backlog.add(task("t2", 2));
        backlog.add(task("t3", 3));
        backlog.cause("t1", ServeState.WaitCause.NO_NODE);
        backlog.cause("t2", ServeState.WaitCause.NO_NODE);
        backlog.cause("t2", ServeState.WaitCause.SLOT);

        assertThat(backlog.causes()).containsEntry(ServeState.WaitCause.NO_NODE, 1)
                .containsEntry(ServeState.WaitCause.SLOT, 1).containsEntry(ServeState.WaitCause.NEW, 1);

        backlog.add(task("t1", 1));
        backlog.remove("t2");

        assertThat(backlog.causes()).as("a task seen again keeps its cause until judged again")
                .containsEntry(ServeState.WaitCause.NO_NODE, 1).containsEntry(ServeState.WaitCause.SLOT, 0)
                .containsEntry(ServeState.WaitCause.NEW, 1);
    }
}
