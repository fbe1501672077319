package dirt.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dirt.agent.Main;
import dirt.json.JsonObject;
import dirt.transport.local.LocalTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AgentClient} against real agents, run as child processes by {@link LocalTransport}. */
class AgentClientTest {
    @TempDir
    Path dir;

    private final List<AgentClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(AgentClient::close);
    }

    private AgentClient connect(Duration timeout) {
        AgentJar agent = AgentJars.locate(dir.resolve("agent-build"));
        AgentClient client = AgentClient.connect(new LocalTransport(dir.resolve("cache")), agent, timeout);
        clients.add(client);
        return client;
    }

    private AgentClient connect() {
        return connect(Duration.ofSeconds(20));
    }

    private static JsonObject op(String name) {
        return JsonObject.builder().put("op", name).build();
    }

    @Test
    void connect_starts_the_agent_whose_hello_reports_its_version_protocol_and_pid() {
        AgentHello hello = connect().hello();

        assertThat(hello.agentVersion()).isEqualTo(Main.version());
        assertThat(hello.protocol()).isEqualTo(AgentClient.PROTOCOL);
        assertThat(hello.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(Processes.alive(hello.pid())).isTrue();
        assertThat(hello.ops()).containsExactly("hello", "ping", "probe", "has_file", "put_file", "run", "cancel",
                "sample", "shutdown");
    }

    @Test
    void probe_reports_the_facts_of_this_machine() {
        long before = Instant.now().getEpochSecond();

        JsonObject facts = connect().probe();

        assertThat(facts.number("cpu_count").orElseThrow().intValue())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(facts.string("architecture")).contains(Processes.unameMachine());
        assertThat(facts.object("environ").orElseThrow().has("PATH")).isTrue();
        assertThat(facts.array("path")).isPresent();
        assertThat(facts.array("path").orElseThrow().isEmpty()).isFalse();
        assertThat(facts.string("hostname").orElseThrow()).isNotBlank();
        assertThat(facts.string("java_home")).contains(System.getProperty("java.home"));
        assertThat(facts.number("probed_at").orElseThrow().longValue()).isBetween(before,
                Instant.now().getEpochSecond());
    }

    @Test
    void ping_answers() {
        AgentClient client = connect();

        client.ping();

        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void error_response_fails_the_request_quoting_the_agents_error_and_the_client_goes_on() {
        AgentClient client = connect();

        assertThatThrownBy(() -> client.request(op("frob")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("dirt agent on local answered op=\"frob\" id=2 with an error: unknown op"
                        + " \"frob\" — this agent (dirt-agent " + Main.version() + ", protocol 1) knows hello, ping,"
                        + " probe, has_file, put_file, run, cancel, sample, shutdown");
        client.ping();
    }

    @Test
    void many_requests_under_way_at_once_are_each_answered_with_their_own_response() throws Exception {
        AgentClient client = connect();
        List<CompletableFuture<JsonObject>> futures = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            futures.add(client.requestAsync(op(i % 10 == 0 ? "probe" : "ping")));
        }

        for (int i = 0; i < futures.size(); i++) {
            JsonObject response = futures.get(i).get();
            assertThat(response.number("id").orElseThrow().longValue()).isEqualTo(i + 2);
            assertThat(response.has("facts")).isEqualTo(i % 10 == 0);
        }
    }

    @Test
    void killed_agent_fails_requests_under_way_and_later_ones_at_once_with_a_clear_message() {
        AgentClient client = connect();
        long pid = client.hello().pid();
        Processes.stop(pid);
        CompletableFuture<JsonObject> underWay = client.requestAsync(op("ping"));

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        assertThat(underWay).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(TransportException.class)
                .withMessageStartingWith("dirt agent on local stopped: op=\"ping\" id=3 cause=\"the agent's output"
                        + " ended\" stderr=\"dirt-agent: " + Main.version() + " serving protocol 1 on stdin/stdout: pid="
                        + pid + " java=")
                .withMessageEndingWith("cwd=\"" + dir.resolve("cache") + "\"\" — the node, its sshd or the network"
                        + " went away, or the agent could not run: check that the node is up and that Java 17 or newer"
                        + " runs there");
        assertThat(client.isOpen()).isFalse();
        Instant start = Instant.now();
        assertThatThrownBy(client::ping).hasMessageStartingWith("dirt agent on local stopped: op=\"ping\" id=4");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void request_that_gets_no_answer_in_its_timeout_fails_saying_so_and_the_client_goes_on() {
        AgentClient client = connect();
        long pid = client.hello().pid();
        Processes.stop(pid);
        Instant start = Instant.now();

        assertThatThrownBy(() -> client.request(op("ping"), Duration.ofMillis(300)))
                .isInstanceOf(TransportException.class)
                .hasMessage("dirt agent on local did not answer in time: op=\"ping\" id=3 timeout=300ms — the node may"
                        + " be overloaded or the connection stalled; try again, or allow more time");

        assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        Processes.signal(pid, "CONT");
        client.ping();
    }

    @Test
    void close_shuts_the_agent_down_and_leaves_no_process_behind() {
        AgentClient client = connect();
        long pid = client.hello().pid();

        client.close();

        assertThat(Processes.alive(pid)).isFalse();
        assertThatThrownBy(client::ping).isInstanceOf(TransportException.class)
                .hasMessage("the connection to the dirt agent on local is closed: op=\"ping\" — connect again");
    }

    @Test
    void close_ends_an_agent_that_no_longer_answers() {
        AgentClient client = connect();
        long pid = client.hello().pid();
        Processes.stop(pid);
        CompletableFuture<JsonObject> underWay = client.requestAsync(op("ping"));

        client.close();

        assertThat(Processes.alive(pid)).isFalse();
        assertThat(underWay).isCompletedExceptionally();
    }

    @Test
    void agent_that_cannot_start_fails_connect_quoting_its_stderr() throws Exception {
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a jar");
        AgentJar broken = new AgentJar(notAJar, AgentJars.sha256(Files.readAllBytes(notAJar)));
        LocalTransport transport = new LocalTransport(dir.resolve("cache"));

        assertThatThrownBy(() -> AgentClient.connect(transport, broken, Duration.ofSeconds(20)))
                .isInstanceOf(AgentStartException.class)
                .hasMessageStartingWith("dirt agent on local stopped: op=\"hello\" id=1 cause=")
                .hasMessageContaining(" stderr=\"Error: Invalid or corrupt jarfile " + dir.resolve("cache")
                        .resolve(broken.cacheName()) + "\" — the node, its sshd or the network went away, or the"
                        + " agent could not run: check that the node is up and that Java 17 or newer runs there");
    }

    @Test
    void request_without_op_is_refused_before_sending() {
        AgentClient client = connect();

        assertThatThrownBy(() -> client.requestAsync(JsonObject.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("request has no \"op\": {}");
    }

    @Test
    void close_of_a_client_whose_agent_died_returns_at_once() {
        AgentClient client = connect();
        long pid = client.hello().pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.isOpen());
        Instant start = Instant.now();

        client.close();

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    }
}
