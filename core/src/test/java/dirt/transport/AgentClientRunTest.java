package dirt.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dirt.api.Task;
import dirt.json.JsonObject;
import dirt.transport.local.LocalTransport;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AgentClient}'s files and runs against a real agent, run as a child process by {@link LocalTransport}. */
class AgentClientRunTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private AgentClient agent;

    @BeforeEach
    void connect() {
        AgentJar jar = AgentJars.locate(dir.resolve("agent-build"));
        agent = AgentClient.connect(new LocalTransport(dir.resolve("cache")), jar, Duration.ofSeconds(20));
    }

    @AfterEach
    void close() {
        agent.close();
    }

    private static RunRequest command(String taskId, String command, Duration timeout) {
        return new RunRequest(taskId, "r1", "shell", Optional.empty(), JsonObject.EMPTY, Optional.of(command),
                timeout);
    }

    @Test
    void ensure_file_ships_a_file_once_and_then_finds_it_in_the_nodes_cache() throws Exception {
        Path file = Files.writeString(dir.resolve("tasks.jar"), "pretend jar");
        String name = "tasks-" + AgentJars.sha256(Files.readAllBytes(file)) + ".jar";
        assertThat(agent.hasFile(name)).isFalse();

        assertThat(agent.ensureFile(name, file)).isTrue();
        assertThat(agent.ensureFile(name, file)).isFalse();

        assertThat(agent.hasFile(name)).isTrue();
        assertThat(dir.resolve("cache").resolve(name)).hasSameBinaryContentAs(file);
    }

    @Test
    void put_file_under_a_bad_name_fails_quoting_the_agent() throws Exception {
        Path file = Files.writeString(dir.resolve("x.jar"), "x");

        assertThatThrownBy(() -> agent.putFile("../x.jar", file)).isInstanceOf(TransportException.class)
                .hasMessageStartingWith("dirt agent on local answered op=\"put_file\" id=2 with an error: bad file"
                        + " name: name=\"../x.jar\"");
    }

    @Test
    void a_run_the_agent_cannot_read_is_refused_at_once_and_the_agent_keeps_working() throws Exception {
        JsonObject kwargs = JsonObject.EMPTY;
        for (int i = 0; i < 600; i++) {
            kwargs = JsonObject.builder().put("x", kwargs).build();
        }
        RunRequest deep = new RunRequest("t-deep", "r1", "shell", Optional.empty(), kwargs, Optional.of("true"),
                MINUTE);

        assertThat(agent.run(deep)).failsWithin(Duration.ofSeconds(20)).withThrowableThat()
                .havingCause().isInstanceOf(AgentRefusedException.class).withMessageContaining("nesting deeper than");
        assertThat(agent.run(command("t-next", "true", MINUTE)).get().success()).isTrue();
    }

    @Test
    void put_file_of_a_missing_file_fails_naming_it() {
        Path missing = dir.resolve("missing.jar");

        assertThatThrownBy(() -> agent.putFile("missing.jar", missing)).isInstanceOf(TransportException.class)
                .hasMessageStartingWith("cannot ship file=\"" + missing + "\" to local: ")
                .hasMessageEndingWith("— check that it exists and is readable");
    }

    @Test
    void command_run_returns_its_outcome_with_output_and_files_as_attachments() throws Exception {
        Instant before = Instant.now();

        RunOutcome outcome = agent.run(command("t1", "echo hello; mkdir reports; echo '<x/>' > reports/junit.xml",
                MINUTE)).get();

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.result().number("exit_code").orElseThrow().intValue()).isZero();
        assertThat(outcome.attachments()).containsExactly(
                new RunAttachment("stdout.txt", Optional.of("stdout"), "text/plain", "hello\n".getBytes(UTF_8)),
                new RunAttachment("stderr.txt", Optional.of("stderr"), "text/plain", new byte[0]),
                new RunAttachment("reports/junit.xml", Optional.empty(), "application/xml", "<x/>\n".getBytes(UTF_8)));
        assertThat(outcome.started()).isBetween(before.minusMillis(10), outcome.completed());
        assertThat(outcome.completed()).isBefore(Instant.now().plusMillis(10));
    }

    @Test
    void failing_command_is_an_outcome_with_its_reason() throws Exception {
        RunOutcome outcome = agent.run(command("t2", "exit 3", MINUTE)).get();

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.reason()).contains("command exited with code 3");
    }

    @Test
    void command_past_its_timeout_is_reported_by_the_agent_as_timed_out() throws Exception {
        RunOutcome outcome = agent.run(command("t3", "sleep 1000", Duration.ofMillis(300))).get();

        assertThat(outcome.reason()).contains("timed out after 0.3 s");
        assertThat(outcome.result().bool("timed_out")).contains(true);
    }

    @Test
    void java_task_from_a_shipped_jar_returns_its_values() throws Exception {
        Path jar = taskJar("examples/Sum.java", """
                package examples;
                import dirt.api.*;
                public final class Sum implements Task {
                    public Result run(TaskContext context) {
                        return Result.success().with("sum", context.getInt("a") + context.getInt("b"));
                    }
                }
                """);
        String name = "tasks-" + AgentJars.sha256(Files.readAllBytes(jar)) + ".jar";
        agent.ensureFile(name, jar);
        JsonObject kwargs = JsonObject.builder().put("a", 2).put("b", 3).build();

        RunOutcome outcome = agent.run(new RunRequest("t4", "r1", "examples.sum", Optional.of(name), kwargs,
                Optional.empty(), MINUTE)).get();

        assertThat(outcome.result()).isEqualTo(JsonObject.builder().put("success", true).put("sum", 5).build());
    }

    @Test
    void run_of_a_jar_never_shipped_fails_saying_to_ship_it() {
        CompletableFuture<RunOutcome> run = agent.run(new RunRequest("t5", "r1", "examples.sum",
                Optional.of("tasks-none.jar"), JsonObject.EMPTY, Optional.empty(), MINUTE));

        assertThat(run).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                .isInstanceOf(TransportException.class)
                .withMessageContaining("with an error: unknown jar: name=\"tasks-none.jar\"")
                .withMessageEndingWith("— ship it with put_file first");
    }

    @Test
    void cancelling_the_future_ends_the_task_on_the_node() throws Exception {
        Path pidFile = dir.resolve("pid");
        CompletableFuture<RunOutcome> run = agent.run(command("t6", "sleep 1000 & echo $! > " + pidFile + "; wait",
                MINUTE));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        run.cancel(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()
                || zombie(pid)).orElse(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.cancel("t6"));
    }

    @Test
    void attachment_longer_in_base64_than_the_20_mb_strings_of_json_parse_arrives_whole() throws Exception {
        RunOutcome outcome = agent.run(command("t7", "head -c 16000000 /dev/urandom > big.bin && sha256sum big.bin",
                MINUTE)).get();

        RunAttachment big = outcome.attachments().stream().filter(file -> file.name().equals("big.bin")).findFirst()
                .orElseThrow();
        assertThat(big.data()).hasSize(16_000_000);
        String stdout = new String(outcome.attachments().get(0).data(), UTF_8);
        assertThat(stdout).startsWith(AgentJars.sha256(big.data()) + " ");
    }

    @Test
    void two_runs_at_once_both_complete() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String wait = "i=0; while [ ! -e %s ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; test -e %s";

        List<CompletableFuture<RunOutcome>> runs = List.of(
                agent.run(command("ta", "touch " + a + "; " + String.format(wait, b, b), MINUTE)),
                agent.run(command("tb", "touch " + b + "; " + String.format(wait, a, a), MINUTE)));

        for (CompletableFuture<RunOutcome> run : runs) {
            assertThat(run.get().success()).isTrue();
        }
    }

    /** Whether {@code pid} is a zombie: ended, not yet collected (in a container, init may take seconds). */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (Exception e) {
            return true;
        }
    }

    /** A task jar compiled from one source with the JDK's compiler. */
    private Path taskJar(String path, String source) throws Exception {
        Path src = dir.resolve("src").resolve(path);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        String api = Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-cp", api, "-d",
                classes.toString(), src.toString());
        assertThat(exit).as("javac exit code").isZero();
        Path jar = dir.resolve("tasks.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path each : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(each).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(each));
                out.closeEntry();
            }
        }
        return jar;
    }
}
