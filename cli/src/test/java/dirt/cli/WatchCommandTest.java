package dirt.cli;

import static dirt.cli.TaskDocs.completed;
import static dirt.cli.TaskDocs.record;
import static dirt.cli.TaskDocs.started;
import static dirt.cli.TaskDocs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dirt watch}: a line per task state change, from the changes feed, until interrupted (Ctrl-C). */
@ExtendWith(CouchServerExtension.class)
class WatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Map<String, String> env;
    private CouchDatabase db;
    private Thread watcher;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);

    @BeforeEach
    void project(TestCouch couch) {
        env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        String name = couch.newDatabaseName();
        assertThat(new Cli(dir, env).run("create", "demo", name).exitCode()).isZero();
        db = couch.client().database(name);
    }

    @AfterEach
    void stop_watching() throws InterruptedException {
        if (watcher != null) {
            watcher.interrupt();
            watcher.join(BOUND.toMillis());
        }
    }

    /** Runs 'dirt watch' on its own thread, printing into {@link #out} as it goes. */
    private void watch(String... args) {
        var command = Main.commandLine(new Main(dir.resolve("demo"), env));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "watch";
        System.arraycopy(args, 0, all, 1, args.length);
        watcher = new Thread(() -> exitCode.set(command.execute(all)), "dirt-watch-test");
        watcher.start();
        await().atMost(BOUND).until(() -> err.toString().contains("watching tasks"));
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    private void awaitLines(int count) {
        await().atMost(BOUND).until(() -> lines().size() >= count);
    }

    @Test
    void each_state_change_of_a_task_is_one_line_with_time_state_task_record_and_node() throws Exception {
        watch();

        db.bulkDocs(List.of(record("r1", 1_700_000_000, "rev 1"), task("t1", "r1", "compile_hello")));
        awaitLines(1);
        db.put(started(db.get("t1").orElseThrow(), "build7", 1_700_000_001));
        awaitLines(2);
        db.put(db.get("t1").orElseThrow().put("note", "a change that keeps the state prints nothing"));
        db.put(completed(db.get("t1").orElseThrow(), 1_700_000_002, true, null));
        awaitLines(3);

        assertThat(lines().get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  waiting  compile_hello  r1  -  t1");
        assertThat(lines().get(1)).contains("  running  compile_hello  r1  build7  t1");
        assertThat(lines().get(2)).contains("  passed   compile_hello  r1  build7  t1");
        assertThat(lines()).hasSize(3);
    }

    @Test
    void interrupting_the_watch_ends_it_with_exit_code_0() throws Exception {
        watch();

        watcher.interrupt();
        watcher.join(BOUND.toMillis());

        assertThat(watcher.isAlive()).isFalse();
        assertThat(exitCode.get()).isZero();
    }

    @Test
    void records_given_narrow_the_watch_to_their_tasks() {
        watch("r2");

        db.bulkDocs(List.of(task("t1", "r1", "compile_hello"), task("t2", "r2", "lint")));
        awaitLines(1);
        db.bulkDocs(List.of(task("t3", "r2", "unit_tests")));
        awaitLines(2);

        assertThat(lines()).allMatch(line -> line.contains("  r2  ")).hasSize(2);
    }

    @Test
    void json_prints_one_object_per_line() throws Exception {
        watch("--json");

        db.bulkDocs(List.of(completed(started(task("t1", "r1", "compile_hello"), "build7", 1_700_000_001),
                1_700_000_002, false, "g++ failed")));
        awaitLines(1);

        JsonNode line = JSON.readTree(lines().get(0));
        assertThat(line.path("status").asText()).isEqualTo("failed");
        assertThat(line.path("id").asText()).isEqualTo("t1");
        assertThat(line.path("record_id").asText()).isEqualTo("r1");
        assertThat(line.path("node").asText()).isEqualTo("build7");
        assertThat(line.path("reason").asText()).isEqualTo("g++ failed");
        assertThat(line.path("time").asText()).isEqualTo("2023-11-14T22:13:22Z");
    }

    @Test
    void since_start_first_prints_the_state_of_the_tasks_there_already() {
        db.bulkDocs(List.of(task("old", "r1", "compile_hello")));

        watch("--since-start");

        awaitLines(1);
        assertThat(lines().get(0)).contains("waiting  compile_hello  r1  -  old");
    }
}
