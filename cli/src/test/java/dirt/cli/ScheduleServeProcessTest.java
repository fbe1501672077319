package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentReader;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.TestCouch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * In real time: {@code dirt serve} as its own process with a {@code [[schedule]]} of a 2-second frequency in
 * settings.toml runs the schedule's command task on the local node, again and again, each run starting two seconds
 * after the previous one ended.
 */
@ExtendWith(CouchServerExtension.class)
class ScheduleServeProcessTest {
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private CouchDatabase db;
    private Process serve;

    @BeforeEach
    void project_with_the_local_node_and_a_two_second_schedule(TestCouch couch) throws Exception {
        String name = couch.newDatabaseName();
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        new Cli(dir, env).run("create", "demo", name);
        var probed = new Cli(dir.resolve("demo"), env).run("updatenodes", "--local");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        Cli.nameCommand(dir.resolve("demo"), "sleep_1", "sleep 1");
        Files.writeString(dir.resolve("demo/settings.toml"), """

                [[schedule]]
                name = "tick"
                frequency = 2
                description = "every two seconds"

                [[schedule.task]]
                name = "sleepy"
                command = "sleep_1"
                """, StandardOpenOption.APPEND);
        db = couch.client().database(name);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--grace", "5").directory(dir.resolve("demo").toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile());
        builder.environment().putAll(env);
        serve = builder.start();
    }

    @AfterEach
    void stop_serve() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private List<ObjectNode> tickTasks() {
        List<ObjectNode> tasks = new ArrayList<>(JacksonBridge.trees(TestCouch.store(db).withIdPrefix("tick-").stream()
                .filter(doc -> doc.string("type").filter("task"::equals).isPresent()).toList()));
        tasks.sort(Comparator.comparing(doc -> doc.path("_id").asText()));
        return tasks;
    }

    private static Instant time(ObjectNode doc, String field) {
        return new DocumentReader(JacksonBridge.object(doc)).epochSeconds(field).orElseThrow();
    }

    @Test
    void a_two_second_frequency_runs_again_two_seconds_after_each_run_ended() throws Exception {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250)).until(() -> tickTasks().stream()
                .filter(task -> task.path("results").path("success").asBoolean()).count() >= 3);

        List<ObjectNode> tasks = tickTasks();
        for (int i = 1; i < 3; i++) {
            Instant previousEnded = time(tasks.get(i - 1), "completed");
            Instant created = time(tasks.get(i), "created");
            assertThat(Duration.between(previousEnded, created))
                    .as("run %d started %s after run %d ended", i + 1, Duration.between(previousEnded, created), i)
                    .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(2 + 3));
        }
        assertThat(db.get(tasks.get(0).path("record_id").asText()).orElseThrow().path("description").asText())
                .isEqualTo("every two seconds");
        ObjectNode schedule = db.get("schedule:tick").orElseThrow();
        assertThat(schedule.path("source").asText()).isEqualTo("settings");
        assertThat(Files.readString(dir.resolve("serve.log"))).contains("schedule tick: every 2 s");
    }
}
