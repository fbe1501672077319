package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentServerTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final CountDownLatch gate = new CountDownLatch(1);
    private final AgentDriver agent = new AgentDriver(log -> {
        Facts facts = Facts.ofThisMachine(Clock.fixed(NOW, ZoneOffset.UTC));
        return new AgentServer(List.of(new PingOp(), new ProbeOp(facts), new GateOp(gate), new FailingOp(),
                new EchoOp()), log);
    });

    @AfterEach
    void endAgent() {
        gate.countDown();
        agent.close();
    }

    @Test
    void hello_reports_agent_and_protocol_version_pid_java_version_and_the_ops() {
        Map<String, Object> response = agent.call("{\"id\": 1, \"op\": \"hello\"}");

        assertThat(response).containsEntry("id", 1L).containsEntry("ok", true)
                .containsEntry("agent_version", Main.version()).containsEntry("protocol", 1L)
                .containsEntry("pid", ProcessHandle.current().pid())
                .containsEntry("java_version", Facts.javaVersion());
        assertThat(strings(response.get("ops"))).contains("hello", "ping", "probe", "shutdown");
    }

    @Test
    void ping_answers_ok_with_nothing_else() {
        assertThat(agent.call("{\"id\": 2, \"op\": \"ping\"}")).containsExactly(
                Map.entry("id", 2L), Map.entry("ok", true));
    }

    @Test
    void probe_answers_with_every_fact_in_its_type() {
        Map<String, Object> response = agent.call("{\"id\": 3, \"op\": \"probe\"}");

        assertThat(response).containsEntry("id", 3L).containsEntry("ok", true);
        Map<String, Object> facts = object(response.get("facts"));
        assertThat(facts.keySet()).startsWith("cpu_count", "platform", "architecture", "environ", "path",
                "version_info", "hostname", "fqdn", "ip");
        assertThat(facts.get("cpu_count")).isEqualTo((long) Runtime.getRuntime().availableProcessors());
        for (String key : List.of("platform", "architecture", "version_info", "hostname", "fqdn", "ip",
                "java_version", "java_vendor", "java_home", "os_name", "os_version", "os.name", "os.version",
                "os.arch", "user", "agent_version")) {
            assertThat(facts.get(key)).as(key).isInstanceOf(String.class).asString().isNotBlank();
        }
        for (String key : List.of("mem_total_bytes", "disk_free_bytes")) {
            assertThat(facts.get(key)).as(key).isInstanceOf(Long.class).matches(bytes -> (Long) bytes > 0);
        }
        assertThat(facts.get("load_average")).isInstanceOf(Double.class);
        assertThat(object(facts.get("environ")).keySet()).isEqualTo(new TreeMap<>(System.getenv()).keySet());
        assertThat(object(facts.get("environ"))).containsEntry("PATH", System.getenv("PATH"));
        assertThat((List<?>) facts.get("path")).isNotEmpty().allMatch(String.class::isInstance);
        assertThat(facts.get("version_info")).isEqualTo(facts.get("java_version"));
        assertThat(facts.get("os.name")).isEqualTo(System.getProperty("os.name"));
        assertThat(facts.get("probed_at")).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void probe_architecture_is_what_uname_m_says() throws Exception {
        Process uname = new ProcessBuilder("uname", "-m").redirectErrorStream(true).start();
        assertThat(uname.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String machine = new String(uname.getInputStream().readAllBytes(), UTF_8).strip();

        Map<String, Object> facts = object(agent.call("{\"id\": 4, \"op\": \"probe\"}").get("facts"));

        assertThat(facts.get("architecture")).isEqualTo(machine);
        assertThat((String) facts.get("platform")).contains("-" + machine);
    }

    @Test
    void unknown_op_gets_an_error_naming_the_known_ops_and_the_agent_goes_on() {
        assertThat(agent.call("{\"id\": 5, \"op\": \"frob\"}")).containsExactly(Map.entry("id", 5L),
                Map.entry("ok", false), Map.entry("error", "unknown op \"frob\" — this agent (dirt-agent "
                        + Main.version() + ", protocol 1) knows hello, ping, probe, gate, fail, echo, shutdown"));

        assertThat(agent.call("{\"id\": 6, \"op\": \"ping\"}")).containsEntry("ok", true);
    }

    @Test
    void malformed_json_line_gets_an_error_under_the_id_it_starts_with_and_the_agent_goes_on() {
        Map<String, Object> response = agent.call("{\"id\": 7, \"op\": ");

        assertThat(response).containsEntry("id", 7L).containsEntry("ok", false).containsEntry("error",
                "malformed request: unexpected end of input, expected a JSON value at column 17 — send one JSON object"
                        + " per line, e.g. {\"id\": 1, \"op\": \"ping\"}");
        assertThat(agent.log()).anyMatch(line -> line.startsWith("malformed request"));
        assertThat(agent.call("{\"id\": 8, \"op\": \"ping\"}")).containsEntry("id", 8L).containsEntry("ok", true);
    }

    @Test
    void request_nested_too_deep_gets_an_error_under_its_id() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);

        assertThat(agent.call("{\"id\": 11, \"op\": \"ping\", \"kwargs\": " + deep + "}")).containsEntry("id", 11L)
                .containsEntry("ok", false).extractingByKey("error").asString().contains("nesting deeper than");
    }

    @Test
    void request_that_is_not_an_object_gets_an_error_with_null_id() {
        assertThat(agent.call("[1, 2]")).containsEntry("id", null).containsEntry("error",
                "malformed request: expected a JSON object, got [1, 2] — send one JSON object per line, e.g. {\"id\":"
                        + " 1, \"op\": \"ping\"}");
    }

    @Test
    void request_without_a_usable_id_gets_an_error_with_null_id() {
        assertThat(agent.call("{\"op\": \"ping\"}")).containsEntry("id", null).containsEntry("error",
                "malformed request: \"id\" must be a number or a string, got none — send one JSON object per line,"
                        + " e.g. {\"id\": 1, \"op\": \"ping\"}");
        assertThat(agent.call("{\"id\": [1], \"op\": \"ping\"}")).containsEntry("id", null)
                .extractingByKey("error").asString().contains("got [1]");
    }

    @Test
    void request_without_op_gets_an_error_with_its_id() {
        assertThat(agent.call("{\"id\": 9}")).containsEntry("id", 9L).containsEntry("ok", false).containsEntry("error",
                "malformed request: \"op\" must be a string naming the operation — send one JSON object per line,"
                        + " e.g. {\"id\": 1, \"op\": \"ping\"}");
    }

    @Test
    void blank_lines_are_ignored() {
        agent.send("").send("   \r");

        assertThat(agent.call("{\"id\": 10, \"op\": \"ping\"}")).containsEntry("id", 10L);
        agent.assertNoMoreResponses();
    }

    @Test
    void string_and_large_ids_are_echoed_unchanged() {
        assertThat(agent.call("{\"id\": \"req-é\", \"op\": \"ping\"}")).containsEntry("id", "req-é");
        assertThat(agent.call("{\"id\": 123456789012345678901234567890, \"op\": \"ping\"}"))
                .containsEntry("id", new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void slow_request_does_not_hold_up_later_ones_and_each_response_carries_its_id() {
        agent.send("{\"id\": 11, \"op\": \"gate\"}");

        assertThat(agent.call("{\"id\": 12, \"op\": \"ping\"}")).containsEntry("id", 12L);
        assertThat(agent.call("{\"id\": 13, \"op\": \"echo\", \"text\": \"x\"}")).containsEntry("id", 13L);
        gate.countDown();
        assertThat(agent.next()).containsEntry("id", 11L).containsEntry("ok", true).containsEntry("opened", true);
    }

    @Test
    void concurrent_responses_are_written_as_whole_lines() {
        String text = "0123456789".repeat(10_000);
        int count = 100;
        for (int i = 0; i < count; i++) {
            agent.send("{\"id\": " + i + ", \"op\": \"echo\", \"text\": \"" + text + "\"}");
        }

        Set<Object> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> response = agent.next();
            assertThat(response).containsEntry("text", text);
            ids.add(response.get("id"));
        }
        assertThat(ids).hasSize(count);
    }

    @Test
    void failing_op_gets_an_error_naming_the_exception_and_the_agent_goes_on() {
        assertThat(agent.call("{\"id\": 14, \"op\": \"fail\"}")).containsEntry("id", 14L).containsEntry("error",
                "op \"fail\" failed: java.lang.IllegalStateException: broken — this is a bug in dirt's agent; its"
                        + " stderr has the stack trace");
        assertThat(agent.log()).anyMatch(line -> line.contains("at dirt.agent.AgentServerTest$FailingOp.handle"));

        assertThat(agent.call("{\"id\": 15, \"op\": \"echo\"}")).containsEntry("error",
                "op \"echo\" needs the string field \"text\", got null");
        assertThat(agent.call("{\"id\": 16, \"op\": \"ping\"}")).containsEntry("ok", true);
    }

    @Test
    void shutdown_answers_and_ends_the_loop_with_exit_code_0() {
        assertThat(agent.call("{\"id\": 17, \"op\": \"shutdown\"}")).containsExactly(
                Map.entry("id", 17L), Map.entry("ok", true));

        assertThat(agent.exitCode()).isZero();
        assertThat(agent.log()).contains("shutdown requested: exiting");
    }

    @Test
    void shutdown_first_answers_requests_still_running_with_an_error() {
        agent.send("{\"id\": 18, \"op\": \"gate\"}");

        agent.send("{\"id\": 19, \"op\": \"shutdown\"}");

        assertThat(agent.next()).containsEntry("id", 18L).containsEntry("ok", false).containsEntry("error",
                "the agent shut down before answering: shutdown was requested while this request ran");
        assertThat(agent.next()).containsEntry("id", 19L).containsEntry("ok", true);
        assertThat(agent.exitCode()).isZero();
        gate.countDown();
        agent.assertNoMoreResponses();
    }

    @Test
    void end_of_input_ends_the_loop_with_exit_code_0_even_with_requests_running() {
        agent.send("{\"id\": 20, \"op\": \"gate\"}");

        agent.closeInput();

        assertThat(agent.exitCode()).isZero();
        assertThat(agent.log()).contains("stdin closed: exiting");
    }

    @Test
    void ops_cannot_be_defined_twice() {
        List<Operation> twice = new ArrayList<>(List.of(new PingOp(), new PingOp()));

        assertThatThrownBy(() -> new AgentServer(twice, line -> {}))
                .hasMessage("op \"ping\" is defined twice");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    /** Answers once the test opens the gate (or after 10 s). */
    private record GateOp(CountDownLatch gate) implements Operation {
        @Override
        public String name() {
            return "gate";
        }

        @Override
        public Map<String, Object> handle(Request request) throws InterruptedException {
            return Map.of("opened", gate.await(10, TimeUnit.SECONDS));
        }
    }

    private static final class FailingOp implements Operation {
        @Override
        public String name() {
            return "fail";
        }

        @Override
        public Map<String, Object> handle(Request request) throws IOException {
            throw new IllegalStateException("broken");
        }
    }

    private static final class EchoOp implements Operation {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Map<String, Object> handle(Request request) {
            return Map.of("text", request.string("text"));
        }
    }
}
