package dirt.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dirt.config.SshSettings;
import dirt.json.JsonNull;
import dirt.transport.AgentClient;
import dirt.transport.AgentJar;
import dirt.transport.AgentJars;
import dirt.transport.AgentStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Starting dirt's agent on real sshd nodes: upload once, run with the node's java, talk, close. */
@Timeout(60)
class SshAgentStartTest {
    @RegisterExtension
    static final SshFarm farm = SshFarm.builder()
            .node("node-a", Map.of("G4INSTALL", "/opt/geant4"))
            .node("node-b")
            .node("nojava", Map.of("PATH", "/nonexistent-dirt-test-bin"))
            .build();

    private static AgentJar agent;

    @BeforeAll
    static void buildAgent() {
        agent = EchoAgentJar.build(farm.dir());
    }

    private static SshTransport transport(String alias) {
        return new SshTransport(alias, farm.settings(), HostKeyPolicy.VERIFY);
    }

    private static Path cachedAgent(String alias) {
        return farm.node(alias).home().resolve(".cache/dirt").resolve(agent.cacheName());
    }

    @Test
    void agent_jar_is_uploaded_on_first_start_and_reused_on_the_second() throws IOException {
        Files.deleteIfExists(cachedAgent("node-b"));

        try (AgentSession first = new AgentSession(transport("node-b").start(agent))) {
            assertThat(first.channel().uploadedAgent()).isTrue();
            assertThat(first.ask("hello")).isEqualTo("hello");
        }
        assertThat(cachedAgent("node-b")).hasSameBinaryContentAs(agent.path());
        FileTime uploaded = Files.getLastModifiedTime(cachedAgent("node-b"));

        try (AgentSession second = new AgentSession(transport("node-b").start(agent))) {
            assertThat(second.channel().uploadedAgent()).isFalse();
            assertThat(second.ask("hello again")).isEqualTo("hello again");
        }
        assertThat(Files.getLastModifiedTime(cachedAgent("node-b"))).isEqualTo(uploaded);
        try (Stream<Path> cached = Files.list(cachedAgent("node-b").getParent())) {
            assertThat(cached).containsExactly(cachedAgent("node-b"));
        }
    }

    @Test
    void request_lines_round_trip_through_the_channel() {
        try (AgentSession session = new AgentSession(transport("node-a").start(agent))) {
            assertThat(session.ask("{\"id\":1,\"op\":\"probe\"}")).isEqualTo("{\"id\":1,\"op\":\"probe\"}");
            assertThat(session.ask("ünïcödé ✓")).isEqualTo("ünïcödé ✓");
            assertThat(session.ask("x".repeat(100_000))).hasSize(100_000);
        }
    }

    @Test
    void each_node_presents_its_own_environment_to_the_agent() {
        try (AgentSession a = new AgentSession(transport("node-a").start(agent));
                AgentSession b = new AgentSession(transport("node-b").start(agent))) {
            assertThat(a.ask("env G4INSTALL")).isEqualTo("/opt/geant4");
            assertThat(b.ask("env G4INSTALL")).isEqualTo("(unset)");
            assertThat(a.ask("env HOME")).isEqualTo(farm.node("node-a").home().toString());
        }
    }

    @Test
    void agent_runs_in_the_cache_folder() {
        try (AgentSession session = new AgentSession(transport("node-a").start(agent))) {
            assertThat(session.ask("cwd")).isEqualTo(cachedAgent("node-a").getParent().toString());
        }
    }

    @Test
    void absolute_remote_cache_is_used_as_written() throws IOException {
        Path cache = farm.dir().resolve("absolute cache");
        SshSettings settings = new SshSettings(farm.sshConfig(), farm.knownHosts(), List.of(), false,
                SshFarm.CONNECT_TIMEOUT, true, cache.toString());

        try (AgentSession session = new AgentSession(new SshTransport("node-b", settings, HostKeyPolicy.VERIFY)
                .start(agent))) {
            assertThat(session.ask("cwd")).isEqualTo(cache.toString());
        }
        assertThat(cache.resolve(agent.cacheName())).exists();
    }

    @Test
    void unwritable_remote_cache_fails_with_the_error_of_the_node() throws IOException {
        Path file = Files.writeString(farm.dir().resolve("not-a-folder"), "");
        String cache = file + "/cache";
        SshSettings settings = new SshSettings(farm.sshConfig(), farm.knownHosts(), List.of(), false,
                SshFarm.CONNECT_TIMEOUT, true, cache);

        assertThatThrownBy(() -> new SshTransport("node-b", settings, HostKeyPolicy.VERIFY).start(agent))
                .isInstanceOf(AgentStartException.class)
                .hasMessageStartingWith("cannot upload the agent to node \"node-b\": path=\"" + cache + "/"
                        + agent.cacheName() + "\" exit=1 stderr=\"mkdir: ")
                .hasMessageContaining("Not a directory")
                .hasMessageEndingWith("\" — free some disk space or fix the permissions there, or set"
                        + " [ssh] remote_cache to a writable folder");
    }

    @Test
    void stderr_of_the_agent_is_kept_for_messages() {
        try (AgentSession session = new AgentSession(transport("node-a").start(agent))) {
            assertThat(session.ask("stderr something went wrong")).isEqualTo("ok");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(session.channel().stderrTail())
                    .isEqualTo("echo agent started\nsomething went wrong"));
        }
    }

    @Test
    void missing_java_on_the_node_fails_with_an_install_hint() {
        assertThatThrownBy(() -> transport("nojava").start(agent))
                .isInstanceOf(AgentStartException.class)
                .hasMessage("java not found on node \"nojava\": PATH=\"/nonexistent-dirt-test-bin\" JAVA_HOME=\"\" —"
                        + " install a Java 17+ runtime there (Debian: apt-get install openjdk-17-jre-headless) or set"
                        + " JAVA_HOME in ~/.ssh/environment");
        assertThat(farm.node("nojava").home().resolve(".cache")).doesNotExist();
    }

    @Test
    void closing_the_channel_ends_the_agent_process() {
        long pid;
        try (AgentSession session = new AgentSession(transport("node-a").start(agent))) {
            pid = Long.parseLong(session.ask("pid"));
            assertThat(ProcessHandle.of(pid)).isPresent();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        await().atMost(Duration.ofSeconds(5)).until(() -> farm.node("node-a").processes().stream()
                .noneMatch(command -> command.contains(agent.cacheName())));
    }

    @Test
    void closing_ends_an_agent_that_ignores_its_stdin() {
        long pid;
        AgentSession session = new AgentSession(transport("node-b").start(agent));
        pid = Long.parseLong(session.ask("pid"));
        assertThat(session.ask("hang")).isEqualTo("hanging");

        long started = System.nanoTime();
        session.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void real_agent_started_over_ssh_reports_each_node_environment_in_its_facts_with_only_listed_values() {
        AgentJar real = AgentJars.locate(farm.dir().resolve("agent-jars"));
        Duration timeout = Duration.ofSeconds(30);

        try (AgentClient a = AgentClient.connect(transport("node-a"), real, timeout);
                AgentClient b = AgentClient.connect(transport("node-b"), real, timeout)) {
            assertThat(a.hello().protocol()).isEqualTo(AgentClient.PROTOCOL);
            assertThat(a.probe(List.of("G4INSTALL")).object("environ").orElseThrow().string("G4INSTALL"))
                    .contains("/opt/geant4");
            assertThat(a.probe().object("environ").orElseThrow().get("G4INSTALL")).as("not listed: the name only")
                    .contains(JsonNull.NULL);
            assertThat(b.probe().object("environ").orElseThrow().has("G4INSTALL")).isFalse();
        }
    }

    @Test
    void describe_names_the_alias_address_and_user() {
        assertThat(transport("node-a").describe()).isEqualTo("ssh node-a (127.0.0.1:" + farm.node("node-a").port()
                + ", user \"" + System.getProperty("user.name") + "\")");
    }
}
