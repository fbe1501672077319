package dirt.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dirt.transport.local.LocalTransport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentJvmTest {
    @Test
    void an_agent_starts_with_the_client_compiler_and_a_small_serial_heap() throws Exception {
        String flags = startOnNode(Map.of());

        assertThat(flags).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:InitialHeapSize=16777216",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    }

    @Test
    void a_collector_the_nodes_java_options_name_replaces_the_serial_one() throws Exception {
        assertThat(startOnNode(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC")))
                .contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1").doesNotContain("UseSerialGC",
                        "MaxHeapFreeRatio=30");
        assertThat(startOnNode(Map.of("JDK_JAVA_OPTIONS", "-Xmx64m -XX:+UseG1GC")))
                .contains("-XX:+UseG1GC").doesNotContain("UseSerialGC");
    }

    @Test
    void the_local_agent_decides_the_same_from_its_environment() {
        assertThat(AgentJvm.options(Map.of())).containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
        assertThat(AgentJvm.options(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseZGC"))).containsExactly(
                "-XX:TieredStopAtLevel=1");
        assertThat(AgentJvm.options(Map.of("JAVA_TOOL_OPTIONS", "-Xmx64m"))).contains("-XX:+UseSerialGC");
    }

    /** The flags a JVM started as the agent is on a node (through {@code sh}) runs with. */
    private static String startOnNode(Map<String, String> environment) throws IOException, InterruptedException {
        String java = LocalTransport.currentJava().toString();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c",
                "exec '" + java + "' " + AgentJvm.shellWords() + " -XX:+PrintCommandLineFlags -version")
                .redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
