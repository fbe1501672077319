package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(String input, String... args) {
        return Main.run(args, new ByteArrayInputStream(input.getBytes(UTF_8)), out, new PrintStream(err, true, UTF_8));
    }

    private int run(String... args) {
        return serve("", args);
    }

    @Test
    void version_prints_the_build_version() {
        assertThat(run("--version")).isEqualTo(0);
        assertThat(out.toString(UTF_8)).matches("dirt-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void unknown_argument_is_a_usage_error() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).startsWith("dirt-agent: unknown arguments: --bogus").contains("usage:");
    }

    @Test
    void help_prints_usage() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out.toString(UTF_8)).startsWith("usage: java -jar dirt-agent-bootstrap.jar").contains("--probe");
    }

    @Test
    void probe_prints_the_facts_as_one_json_object() {
        assertThat(run("--probe")).isEqualTo(0);

        String printed = out.toString(UTF_8);
        assertThat(printed).endsWith("\n").hasLineCount(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) JsonReader.parse(printed);
        assertThat(facts)
                .containsEntry("cpu_count", (long) Runtime.getRuntime().availableProcessors())
                .containsKeys("platform", "architecture", "environ", "path", "probed_at");
    }

    @Test
    void no_arguments_serves_the_protocol_until_the_end_of_input() {
        assertThat(serve("{\"id\": 1, \"op\": \"ping\"}\n{\"id\": 2, \"op\": \"hello\"}\n")).isEqualTo(0);

        assertThat(out.toString(UTF_8)).startsWith("{\"id\":1,\"ok\":true}\n{\"id\":2,\"ok\":true,\"agent_version\":");
        assertThat(err.toString(UTF_8)).startsWith("dirt-agent: " + Main.version() + " serving protocol 1")
                .contains("dirt-agent: stdin closed: exiting");
    }

    @Test
    void serve_option_serves_the_protocol_until_shutdown() {
        assertThat(serve("{\"id\": 1, \"op\": \"shutdown\"}\n{\"id\": 2, \"op\": \"ping\"}\n", "--serve")).isEqualTo(0);

        assertThat(out.toString(UTF_8)).isEqualTo("{\"id\":1,\"ok\":true}\n");
    }
}
