package dirt.transport.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.transport.AgentChannel;
import dirt.transport.AgentClient;
import dirt.transport.AgentJar;
import dirt.transport.AgentJars;
import dirt.transport.AgentStartException;
import dirt.transport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTransportTest {
    @TempDir
    Path dir;

    private AgentJar agent() {
        return AgentJars.locate(dir.resolve("agent-build"));
    }

    @Test
    void first_start_copies_the_agent_jar_into_the_cache_and_a_second_start_does_not() {
        AgentJar agent = agent();
        Path cache = dir.resolve("cache");
        LocalTransport transport = new LocalTransport(cache);

        try (AgentClient first = AgentClient.connect(transport, agent, Duration.ofSeconds(20))) {
            assertThat(first.uploadedAgent()).isTrue();
        }
        try (AgentClient second = AgentClient.connect(new LocalTransport(cache), agent, Duration.ofSeconds(20))) {
            assertThat(second.uploadedAgent()).isFalse();
            second.ping();
        }
        assertThat(cache.resolve(agent.cacheName())).hasSameBinaryContentAs(agent.path());
    }

    @Test
    void agent_runs_in_the_cache_folder_and_its_stderr_is_kept() {
        Path cache = dir.resolve("cache");
        AgentChannel channel = new LocalTransport(cache).start(agent());
        try (AgentClient client = new AgentClient(channel, "local", Duration.ofSeconds(20))) {
            client.ping();

            assertThat(channel.stderrTail()).contains("serving protocol 1").contains("cwd=\"" + cache + "\"");
        }
    }

    @Test
    void closing_the_channel_ends_the_agent() {
        LocalChannel channel = (LocalChannel) new LocalTransport(dir.resolve("cache")).start(agent());
        long pid = channel.pid();
        assertThat(Processes.alive(pid)).isTrue();

        channel.close();

        assertThat(Processes.alive(pid)).isFalse();
    }

    @Test
    void missing_java_fails_to_start_naming_it_and_saying_what_to_do() {
        Path java = dir.resolve("no-jdk/bin/java");
        LocalTransport transport = new LocalTransport(dir.resolve("cache"), java, List.of());

        assertThatThrownBy(() -> transport.start(agent()))
                .isInstanceOf(AgentStartException.class)
                .hasMessageStartingWith("cannot start dirt's agent on local: java=\"" + java + "\" cause=\"Cannot run"
                        + " program")
                .hasMessageEndingWith("— install a JDK 17 or newer, or set JAVA_HOME to one");
    }

    @Test
    void jvm_that_refuses_to_start_fails_connect_quoting_the_jvms_error() {
        LocalTransport transport = new LocalTransport(dir.resolve("cache"), LocalTransport.currentJava(),
                List.of("-XX:NoSuchOption"));

        assertThatThrownBy(() -> AgentClient.connect(transport, agent(), Duration.ofSeconds(20)))
                .isInstanceOf(AgentStartException.class)
                .hasMessageContaining("stderr=\"Unrecognized VM option 'NoSuchOption' | Error: Could not create the"
                        + " Java Virtual Machine.");
    }

    @Test
    void unwritable_cache_fails_to_start_saying_to_check_the_folder() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        LocalTransport transport = new LocalTransport(file.resolve("cache"));

        assertThatThrownBy(() -> transport.start(agent()))
                .isInstanceOf(AgentStartException.class)
                .hasMessageStartingWith("cannot copy dirt's agent into the cache folder:")
                .hasMessageEndingWith("— check that the folder is writable and the disk not full");
    }

    @Test
    void current_java_is_this_jvms() {
        assertThat(LocalTransport.currentJava()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
        assertThat(new LocalTransport(dir).describe()).isEqualTo("local");
    }

}
