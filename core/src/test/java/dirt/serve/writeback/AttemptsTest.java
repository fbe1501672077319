package dirt.serve.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.node.NodeName;
import dirt.serve.ServerId;
import dirt.task.Results;
import dirt.task.Task;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptsTest {
    private static final Instant AT = Instant.parse("2026-11-22T12:00:00Z");
    private static final ServerId ME = new ServerId("ci", "build1", 42, 7);

    private static Task waiting() throws Exception {
        return Task.fromJson(Json.parseObject("{\"_id\": \"t1\", \"_rev\": \"1-a\", \"type\": \"task\", \"record_id\":"
                + " \"r1\", \"name\": \"build\", \"waiting\": \"no node yet\", \"platform\": \"linux\"}"));
    }

    private static JsonObject claimed() throws Exception {
        return Attempts.claimed(waiting(), new NodeName("n1"), 3, ME, AT);
    }

    @Test
    void a_claim_numbers_the_attempt_and_names_server_and_slot() throws Exception {
        JsonObject doc = claimed();

        assertThat(integer(doc, "attempt")).isEqualTo(1);
        assertThat(doc.string("server").orElseThrow()).isEqualTo("ci@build1:42");
        assertThat(integer(doc, "slot")).isEqualTo(3);
        assertThat(doc.string("node").orElseThrow()).isEqualTo("n1");
        assertThat(doc.has("waiting")).isFalse();
        assertThat(doc.string("platform").orElseThrow()).isEqualTo("linux");
        assertThat(Attempts.isRunBy(doc, ME, 1)).isTrue();
        assertThat(Attempts.isRunBy(doc, ME, 2)).isFalse();
        assertThat(Attempts.isRunBy(doc, new ServerId("ci", "build1", 43, 7), 1)).isFalse();
    }

    @Test
    void a_failed_try_is_kept_in_the_history_and_waits_until_its_retry_time() throws Exception {
        JsonObject doc = Attempts.retried(claimed(), Results.failed("command exited with code 2"), AT,
                Duration.ofSeconds(30), 3);

        assertThat(doc.has("started")).isFalse();
        assertThat(doc.has("server")).isFalse();
        assertThat(integer(doc, "attempt")).isEqualTo(1);
        assertThat(history(doc, 0).string("outcome").orElseThrow()).isEqualTo("failed");
        assertThat(history(doc, 0).string("node").orElseThrow()).isEqualTo("n1");
        assertThat(integer(history(doc, 0), "slot")).as("the nodes page draws it in its slot")
                .isEqualTo(3);
        assertThat(Task.fromJson(doc).serve().history().get(0).slot()).contains(3);
        assertThat(Attempts.failures(doc)).isEqualTo(1);
        assertThat(Attempts.retryAt(Task.fromJson(doc))).contains(AT.plusSeconds(30));
        assertThat(doc.string("waiting").orElseThrow()).startsWith("try 1 of 3 failed (command exited with code 2)");
        JsonObject again = Attempts.claimed(Task.fromJson(doc), new NodeName("n2"), 0, ME, AT.plusSeconds(31));
        assertThat(integer(again, "attempt")).isEqualTo(2);
        assertThat(again.has("retry_at")).isFalse();
    }

    @Test
    void a_failed_try_keeps_a_long_reason_cut_in_its_history_and_its_reason_to_wait() throws Exception {
        JsonObject doc = Attempts.retried(claimed(), Results.failed("r".repeat(10_000_000)), AT,
                Duration.ofSeconds(30), 3);

        assertThat(history(doc, 0).string("reason").orElseThrow()).hasSizeLessThan(4100)
                .endsWith("(cut: 10000000 characters in all)");
        assertThat(doc.string("waiting").orElseThrow()).hasSizeLessThan(4200);
    }

    @Test
    void a_timed_out_try_counts_as_a_failure() throws Exception {
        Results timedOut = Results.failed("timed out after 5 s").with("timed_out", dirt.json.JsonBoolean.TRUE);

        JsonObject doc = Attempts.retried(claimed(), timedOut, AT, Duration.ZERO, 2);

        assertThat(history(doc, 0).string("outcome").orElseThrow()).isEqualTo("timed_out");
        assertThat(Attempts.failures(doc)).isEqualTo(1);
    }

    @Test
    void a_lost_run_waits_again_without_using_a_try() throws Exception {
        JsonObject doc = Attempts.lost(claimed(), "node n1 was lost", AT, 3);

        assertThat(doc.has("started")).isFalse();
        assertThat(doc.has("completed")).isFalse();
        assertThat(integer(doc, "lost")).isEqualTo(1);
        assertThat(Attempts.failures(doc)).isZero();
        assertThat(doc.string("waiting").orElseThrow()).isEqualTo("runs again: node n1 was lost");
    }

    @Test
    void a_task_lost_more_often_than_max_lost_fails_for_good() throws Exception {
        JsonObject doc = Attempts.claimed(Task.fromJson(Attempts.lost(claimed(), "node n1 was lost", AT, 1)),
                new NodeName("n1"), 0, ME, AT);

        assertThat(integer(doc, "lost")).isEqualTo(1);
        JsonObject failed = Attempts.lost(doc, "node n1 was lost", AT, 1);
        assertThat(failed.has("completed")).isTrue();
        assertThat(failed.object("results").orElseThrow().bool("lost").orElseThrow()).isTrue();
        assertThat(failed.object("results").orElseThrow().string("reason").orElseThrow())
                .startsWith("lost 2 times, the last time: node n1 was lost");
        assertThat(failed.array("history").orElseThrow().values()).hasSize(2);
    }

    @Test
    void a_cancelled_waiting_task_completes_as_cancelled() throws Exception {
        JsonObject doc = Attempts.cancelledBeforeStart(waiting(), AT);

        assertThat(Task.fromJson(doc).status()).isEqualTo(dirt.task.TaskStatus.CANCELLED);
        assertThat(doc.object("results").orElseThrow().string("reason").orElseThrow()).isEqualTo("cancelled");
    }

    private static int integer(JsonObject doc, String field) {
        return doc.number(field).orElseThrow().intValue();
    }

    private static JsonObject history(JsonObject doc, int index) {
        return (JsonObject) doc.array("history").orElseThrow().get(index);
    }
}
