package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
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
        assertThat(out.toString(UTF_8)).startsWith("usage: java -jar dirt-agent-bootstrap.jar");
    }
}
