package dirt.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dirt.store.couch.JacksonBridge;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final Links LINKS = new Links(URI.create("http://127.0.0.1:5984/demo/_design/dirt"));
    private final Messages messages = new Messages("demo", LINKS, true);

    private static FinishedTask task(CompletedTask builder) {
        return FinishedTask.from(builder.object()).orElseThrow();
    }

    @Test
    void a_failure_says_what_failed_where_why_and_links_the_record_page() {
        FinishedTask failed = task(CompletedTask.of("t123").record("r123").failed("command exited with code 2"));
        Tail stderr = new Tail("stderr.txt", List.of("hello.c:3: error: expected ';'", "make: *** [hello] Error 1"));

        Notification n = messages.task(failed, Kind.FAILED, Optional.empty(), Optional.of(stderr));

        assertThat(n.subject()).isEqualTo("[dirt] FAILED compile_hello on r123 (node build7)");
        assertThat(n.text()).contains("compile_hello failed on record r123 (node build7).",
                "task:      compile_hello (id t123)", "record:    r123", "node:      build7",
                "completed: 2023-11-14 22:13:22 UTC", "reason:    command exited with code 2",
                "Last 2 lines of stderr.txt:\n    hello.c:3: error: expected ';'\n    make: *** [hello] Error 1\n",
                "Record page: http://127.0.0.1:5984/demo/_design/dirt/record.html?id=r123",
                "nospam is on: no more messages about compile_hello until it passes again.");
    }

    @Test
    void the_payload_carries_the_same_facts_as_json() {
        FinishedTask failed = task(CompletedTask.of("t123").record("r123").failed("exit 2").completedAt(2.5));
        FinishedTask before = task(CompletedTask.of("t122").record("r122").passed());

        JsonNode payload = JacksonBridge.tree(messages.task(failed, Kind.FAILED, Optional.of(before),
                Optional.of(new Tail("stderr.txt", List.of("boom")))).payload());

        assertThat(payload.path("event").asText()).isEqualTo("failure");
        assertThat(payload.path("kind").asText()).isEqualTo("failed");
        assertThat(payload.path("project").asText()).isEqualTo("demo");
        assertThat(payload.path("delivery").asText()).isEqualTo("t123@1700000002.5");
        assertThat(payload.path("url").asText()).endsWith("/record.html?id=r123");
        assertThat(payload.path("task").path("status").asText()).isEqualTo("failed");
        assertThat(payload.path("task").path("reason").asText()).isEqualTo("exit 2");
        assertThat(payload.path("task").path("node").asText()).isEqualTo("build7");
        assertThat(payload.path("task").path("completed").asDouble()).isEqualTo(1_700_000_002.5);
        assertThat(payload.path("previous").path("record_id").asText()).isEqualTo("r122");
        assertThat(payload.path("previous").path("status").asText()).isEqualTo("passed");
        assertThat(payload.path("stderr_tail").get(0).asText()).isEqualTo("boom");
    }

    @Test
    void a_recovery_names_the_record_it_failed_on() {
        FinishedTask passed = task(CompletedTask.of("t125").record("r125").passed());
        FinishedTask before = task(CompletedTask.of("t124").record("r124").failed("exit 1"));

        Notification n = messages.task(passed, Kind.RECOVERED, Optional.of(before), Optional.empty());

        assertThat(n.subject()).isEqualTo("[dirt] RECOVERED compile_hello on r125 (node build7)");
        assertThat(n.text()).startsWith("compile_hello passes again on record r125 (node build7); it failed on r124.")
                .doesNotContain("reason:", "nospam");
        assertThat(JacksonBridge.tree(n.payload()).path("event").asText()).isEqualTo("recovery");
    }

    @Test
    void a_repeated_failure_says_still_failing() {
        FinishedTask failed = task(CompletedTask.of("t2").record("r2").failed("exit 1"));
        FinishedTask before = task(CompletedTask.of("t1").record("r1").failed("exit 1"));

        Notification n = new Messages("demo", LINKS, false).task(failed, Kind.STILL_FAILING, Optional.of(before),
                Optional.empty());

        assertThat(n.subject()).isEqualTo("[dirt] STILL FAILING compile_hello on r2 (node build7)");
        assertThat(n.text()).startsWith("compile_hello failed again on record r2 (node build7); it failed on r1 too.");
    }

    @Test
    void a_task_without_a_node_has_no_node_in_the_subject() {
        var doc = CompletedTask.of("t1").failed("invalid task: kwargs must be a JSON object").object().without("node");

        Notification n = messages.task(FinishedTask.from(doc).orElseThrow(), Kind.FAILED, Optional.empty(),
                Optional.empty());

        assertThat(n.subject()).isEqualTo("[dirt] FAILED compile_hello on r1");
        assertThat(n.text()).contains("node:      none");
    }

    @Test
    void a_record_summary_counts_and_lists_the_tasks() {
        List<FinishedTask> tasks = List.of(task(CompletedTask.of("a").name("compile_hello").failed("exit 2")),
                task(CompletedTask.of("b").name("examples.simple").node("local").passed()));

        Notification n = messages.summary("r1", tasks);

        assertThat(n.subject()).isEqualTo("[dirt] FAILED record r1: 1 of 2 task(s) failed");
        assertThat(n.text()).contains("All 2 task(s) of record r1 have completed: 1 passed, 1 failed.",
                "  FAILED compile_hello on build7: exit 2", "  passed examples.simple on local",
                "Record page: http://127.0.0.1:5984/demo/_design/dirt/record.html?id=r1");
        assertThat(JacksonBridge.tree(n.payload()).path("event").asText()).isEqualTo("record_summary");
        assertThat(JacksonBridge.tree(n.payload()).path("counts").path("failed").asInt()).isEqualTo(1);
        assertThat(JacksonBridge.tree(n.payload()).path("tasks")).hasSize(2);
        assertThat(n.deliveryId()).isEqualTo("record:r1@2");
    }

    @Test
    void a_record_summary_counts_cancelled_tasks_apart_from_failed_ones() {
        List<FinishedTask> tasks = List.of(task(CompletedTask.of("a").name("nap").cancelled()),
                task(CompletedTask.of("b").name("examples.simple").node("local").passed()));

        Notification n = messages.summary("c1", tasks);

        assertThat(n.subject()).isEqualTo("[dirt] CANCELLED record c1: 1 of 2 task(s) cancelled");
        assertThat(n.text()).contains("1 passed, 0 failed, 1 cancelled.", "  cancelled nap on build7");
        assertThat(JacksonBridge.tree(n.payload()).path("counts").toString())
                .isEqualTo("{\"passed\":1,\"failed\":0,\"cancelled\":1}");
        assertThat(JacksonBridge.tree(n.payload()).path("tasks").get(0).path("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void a_summary_of_passed_tasks_says_so() {
        Notification n = messages.summary("r9", List.of(task(CompletedTask.of("a").record("r9").passed())));

        assertThat(n.subject()).isEqualTo("[dirt] PASSED record r9: all 1 task(s) passed");
    }

    @Test
    void the_tail_keeps_the_last_twenty_lines_and_cuts_long_ones() {
        String text = IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"))
                + "\n" + "x".repeat(600) + "\n\n";

        Tail tail = Tail.of("stderr.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(tail.lines()).hasSize(20).startsWith("line 12").contains("line 30");
        assertThat(tail.lines().get(19)).hasSize(Tail.MAX_LINE + 2).endsWith(" …");
    }

    @Test
    void record_links_encode_the_id_and_tolerate_a_trailing_slash() {
        assertThat(new Links(URI.create("https://ci.example.org/")).record("r 1/2&x"))
                .isEqualTo("https://ci.example.org/record.html?id=r%201%2F2%26x");
    }
}
