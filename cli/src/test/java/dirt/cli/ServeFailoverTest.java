package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchDatabase;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.JacksonBridge;
import dirt.store.couch.RestartableTestCouch;
import dirt.store.couch.TestCouch;
import dirt.store.couch.ViewQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code dirt serve} processes killed, doubled, and cut off from their database, with command tasks that write a
 * run log (task id, start and end in nanoseconds) so that the test sees what really ran, when.
 */
@ExtendWith(CouchServerExtension.class)
class ServeFailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final List<ServeProcess> servers = new ArrayList<>();
    private RestartableTestCouch ownCouch;

    @AfterEach
    void stop_everything() throws InterruptedException {
        for (ServeProcess server : servers) {
            server.close();
        }
        if (ownCouch != null) {
            ownCouch.close();
        }
    }

    private record Project(Path dir, Map<String, String> env, CouchDatabase db) {}

    private Project project(String couchUrl, CouchDatabase db, int slots) {
        Map<String, String> env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couchUrl);
        var created = new Cli(dir, env).run("create", "demo", db.name());
        Cli.allowAnyCommand(dir.resolve("demo"));
        assertThat(created.exitCode()).as(created.err()).isZero();
        Cli cli = new Cli(dir.resolve("demo"), env);
        var probed = cli.run("updatenodes", "--local");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        assertThat(cli.run("nodes", "slots", "local", String.valueOf(slots)).exitCode()).isZero();
        db.bulkDocs(List.of(JSON.createObjectNode().put("_id", "r1").put("type", "record")));
        return new Project(dir.resolve("demo"), env, db);
    }

    private ServeProcess serve(Project project, String name) {
        ServeProcess server = ServeProcess.start(project.dir(), project.env(), dir.resolve(name + ".log"), "--name",
                name, "--grace", "1");
        servers.add(server);
        return server;
    }

    /** Tasks that log their start and end to {@code runlog}, with {@code sleep} seconds between. */
    private void postLoggedTasks(CouchDatabase db, int count, String sleep) {
        postTasks(db, 0, count, "sleep " + sleep);
    }

    /**
     * Tasks that log their start to {@code runlog}, then wait until the test opens their gate ({@link #open}) or all
     * gates ({@link #openAll}), then log their end: a task seen started in the run log is surely mid-run.
     */
    private void postGatedTasks(CouchDatabase db, int count) throws IOException {
        postGatedTasks(db, 0, count);
    }

    /** Gated tasks {@code t<from>} on. */
    private void postGatedTasks(CouchDatabase db, int from, int count) throws IOException {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        postTasks(db, from, count, "while [ ! -e " + gates + "/$DIRT_TASK_ID ] && [ ! -e " + gates + "/all ]; do sleep 0.05;"
                + " done");
    }

    private void open(String taskId) throws IOException {
        Files.writeString(dir.resolve("gates").resolve(taskId), "");
    }

    private void openAll() throws IOException {
        open("all");
    }

    private Set<String> startedInRunLog() throws IOException {
        Path log = dir.resolve("runlog");
        return !Files.exists(log) ? Set.of() : Files.readAllLines(log).stream().filter(line -> line.startsWith("start "))
                .map(line -> line.split(" ")[1]).collect(Collectors.toSet());
    }

    private void postTasks(CouchDatabase db, int from, int count, String between) {
        Path log = dir.resolve("runlog");
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String id = String.format("t%03d", i);
            docs.add(JSON.createObjectNode().put("_id", id).put("type", "task").put("record_id", "r1")
                    .put("name", "logged").put("created", 1_700_000_000 + i)
                    .put("command", "echo start $DIRT_TASK_ID $(date +%s%N) >> " + log + "; " + between
                            + "; echo end $DIRT_TASK_ID $(date +%s%N) >> " + log));
        }
        for (int batch = 0; batch < docs.size(); batch += 100) {
            db.bulkDocs(docs.subList(batch, Math.min(docs.size(), batch + 100)));
        }
    }

    private static List<JsonNode> tasks(CouchDatabase db) {
        return db.allDocs(ViewQuery.all().includeDocs(true)).rows().stream().filter(row -> row.doc() != null)
                .map(row -> (JsonNode) JacksonBridge.tree(row.doc()))
                .filter(doc -> "task".equals(doc.path("type").asText())).toList();
    }

    /**
     * Waits until the database's update seq stays the same for half a second: a write that a killed server sent just
     * before it died may still land after it is gone (Apache CouchDB finishes a request whose client went away).
     */
    private static void awaitQuiet(CouchDatabase db) {
        var store = TestCouch.store(db);
        AtomicReference<String> seq = new AtomicReference<>(store.now().json());
        await().atMost(WAIT).pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(500))
                .until(() -> seq.getAndSet(store.now().json()).equals(seq.get()));
    }

    private static boolean allCompleted(CouchDatabase db, int count) {
        return tasks(db).stream().filter(doc -> doc.has("completed")).count() == count;
    }

    /** One run of a task as the run log shows it. */
    private record Run(String task, long start, long end) {}

    private List<Run> runLog() throws IOException {
        Map<String, List<Long>> starts = new HashMap<>();
        List<Run> runs = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("runlog"))) {
            String[] parts = line.split(" ");
            if (parts[0].equals("start")) {
                starts.computeIfAbsent(parts[1], id -> new ArrayList<>()).add(Long.parseLong(parts[2]));
            } else {
                runs.add(new Run(parts[1], starts.get(parts[1]).remove(0), Long.parseLong(parts[2])));
            }
        }
        return runs;
    }

    private static int mostAtOnce(List<Run> runs) {
        return RunLog.mostAtOnce(runs, Run::start, Run::end);
    }

    @Test
    void after_a_kill_9_a_new_server_reruns_only_the_tasks_that_were_in_flight(TestCouch couch) throws Exception {
        CouchDatabase db = couch.client().database(couch.newDatabaseName());
        Project project = project(couch.url(), db, 2);
        ServeProcess first = serve(project, "crashy");
        postGatedTasks(db, 12);
        // The first three tasks that start may end; the kill comes while the next ones wait at their gates.
        Set<String> opened = new HashSet<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Set<String> started = startedInRunLog();
            for (String id : started) {
                if (opened.size() < 3 && opened.add(id)) {
                    open(id);
                }
            }
            return tasks(db).stream().filter(doc -> doc.has("completed")).count() == 3
                    && started.stream().anyMatch(id -> !opened.contains(id));
        });

        first.kill();
        awaitQuiet(db);
        Set<String> inFlight = tasks(db).stream().filter(doc -> doc.has("started") && !doc.has("completed"))
                .map(doc -> doc.path("_id").asText()).collect(Collectors.toSet());
        openAll();
        serve(project, "crashy");

        await().atMost(WAIT).until(() -> allCompleted(db, 12));
        List<JsonNode> tasks = tasks(db);
        assertThat(tasks).allSatisfy(task -> assertThat(task.path("results").path("success").asBoolean())
                .as(task.toString()).isTrue());
        assertThat(inFlight).isNotEmpty();
        assertThat(tasks.stream().filter(task -> task.has("history")).map(task -> task.path("_id").asText()))
                .containsExactlyInAnyOrderElementsOf(inFlight);
        assertThat(tasks.stream().filter(task -> task.has("history")))
                .allSatisfy(task -> assertThat(task.path("history").get(0).path("outcome").asText()).isEqualTo("lost"));
        assertThat(runLog().stream().map(Run::task).distinct()).hasSize(12);
    }

    @Test
    void two_servers_share_500_tasks_without_running_one_twice_or_overfilling_the_node(TestCouch couch)
            throws Exception {
        CouchDatabase db = couch.client().database(couch.newDatabaseName());
        Project project = project(couch.url(), db, 4);
        serve(project, "one");
        serve(project, "two");

        postLoggedTasks(db, 500, "0");

        await().atMost(Duration.ofMinutes(5)).until(() -> allCompleted(db, 500));
        List<Run> runs = runLog();
        assertThat(runs).hasSize(500);
        assertThat(runs.stream().map(Run::task).distinct()).hasSize(500);
        assertThat(mostAtOnce(runs)).as("tasks running at once on the node's 4 slots").isLessThanOrEqualTo(4);
        List<JsonNode> tasks = tasks(db);
        assertThat(tasks).allSatisfy(task -> assertThat(task.path("attempt").asInt()).isEqualTo(1));
        Map<String, Long> byServer = tasks.stream().collect(Collectors.groupingBy(
                task -> task.path("server").asText().split("@")[0], Collectors.counting()));
        assertThat(byServer.keySet()).as("both servers ran tasks: " + byServer).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void three_servers_started_at_once_on_one_fresh_database_all_serve_and_run_each_task_once(TestCouch couch)
            throws Exception {
        CouchDatabase db = couch.client().database(couch.newDatabaseName());
        Project project = project(couch.url(), db, 4);
        List<CompletableFuture<ServeProcess>> starting = new ArrayList<>();
        for (String name : List.of("one", "two", "three")) {
            starting.add(CompletableFuture.supplyAsync(() -> ServeProcess.start(project.dir(), project.env(),
                    dir.resolve(name + ".log"), "--name", name, "--grace", "1")));
        }
        for (CompletableFuture<ServeProcess> server : starting) {
            servers.add(server.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }

        assertThat(servers).allSatisfy(server -> assertThat(server.isAlive()).as(server.log()).isTrue());
        postLoggedTasks(db, 12, "0");
        await().atMost(WAIT).until(() -> allCompleted(db, 12));
        assertThat(runLog().stream().map(Run::task).distinct()).hasSize(12);
    }

    @Test
    void results_of_tasks_that_end_while_the_database_is_down_are_written_when_it_is_back_and_every_slot_serves_again()
            throws Exception {
        ownCouch = RestartableTestCouch.start(Files.createDirectories(dir.resolve("own-couch")));
        CouchClient client = CouchClient.create(ownCouch.config());
        CouchDatabase db = client.database("outage");
        db.createIfMissing();
        Project project = project(ownCouch.url(), db, 4);
        ServeProcess server = serve(project, "patient");
        postGatedTasks(db, 4);
        await().atMost(WAIT).until(() -> startedInRunLog().size() == 4);

        ownCouch.stop();
        // past a slot's worklife (10 s), so that each run's end frees its slot, a write that fails while CouchDB is down
        Thread.sleep(11_000);
        openAll();
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("runlog"))
                && Files.readAllLines(dir.resolve("runlog")).stream().filter(line -> line.startsWith("end")).count() == 4);
        await("serve tried to write each result").atMost(WAIT).until(() -> Stream.of("t000", "t001", "t002", "t003")
                .allMatch(id -> server.log().contains("cannot write onto task " + id)));
        await("serve tried to free a slot").atMost(WAIT).until(() -> server.log().contains("could not free slot"));
        ownCouch.restart();

        await().atMost(WAIT).until(() -> allCompleted(db, 4));
        assertThat(tasks(db)).allSatisfy(task -> {
            assertThat(task.path("results").path("success").asBoolean()).as(task.toString()).isTrue();
            assertThat(task.path("attempt").asInt()).isEqualTo(1);
            assertThat(task.has("history")).isFalse();
        });
        assertThat(runLog()).hasSize(4);

        // the slots whose free failed during the outage are freed once the database answers: four new tasks run at once
        Files.delete(dir.resolve("gates").resolve("all"));
        postGatedTasks(db, 4, 4);
        await("four tasks run at once after the outage").atMost(Duration.ofSeconds(60)).until(() -> startedInRunLog().size() == 8);
        openAll();
        await().atMost(WAIT).until(() -> allCompleted(db, 8));
        client.close();
    }
}
