package dirt.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
