package dirt.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.Json;
import dirt.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class AgentConnectionTest {
    @Test
    void timeouts_are_written_in_seconds_or_milliseconds() {
        assertThat(AgentConnection.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(AgentConnection.format(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(AgentConnection.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void stderr_is_quoted_on_one_line_keeping_its_end() {
        assertThat(AgentConnection.oneLine("Error: Could not find java\n  at somewhere\n\n")).isEqualTo(
                "Error: Could not find java | at somewhere");
        assertThat(AgentConnection.oneLine("")).isEmpty();
        String longTail = AgentConnection.oneLine("x".repeat(2000) + "\nthe last line");
        assertThat(longTail).hasSize(1003).startsWith("...").endsWith(" | the last line");
    }

    @Test
    void a_reply_too_long_to_keep_fails_only_the_request_it_answers() throws Exception {
        PipedOutputStream agentWrites = new PipedOutputStream();
        PipedInputStream responses = new PipedInputStream(agentWrites, 1 << 16);
        AgentConnection connection = new AgentConnection(new FakeChannel(responses), "n1", 1000);
        try {
            CompletableFuture<JsonObject> run = connection.send(JsonObject.builder().put("op", "run").build(),
                    Duration.ofSeconds(30));
            CompletableFuture<JsonObject> ping = connection.send(JsonObject.builder().put("op", "ping").build(),
                    Duration.ofSeconds(30));

            agentWrites.write(("{\"id\":1,\"ok\":true,\"result\":\"" + "x".repeat(5000) + "\"}\n{\"id\":2,\"ok\":true}\n")
                    .getBytes(StandardCharsets.UTF_8));
            agentWrites.flush();

            assertThat(run).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(AgentRefusedException.class).withMessageContaining(
                            "answered op=\"run\" id=1 with more than 1000 characters");
            assertThat(ping).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(Json.parseObject("{\"id\":2,\"ok\":true}"));
        } finally {
            connection.close(Duration.ofSeconds(1));
            agentWrites.close();
        }
    }

    private record FakeChannel(InputStream responses) implements AgentChannel {
        @Override
        public OutputStream requests() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public boolean uploadedAgent() {
            return false;
        }

        @Override
        public String stderrTail() {
            return "";
        }

        @Override
        public void close() {
        }
    }
}

