package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.transport.ssh.SshFarm;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code dirt serve} processes, each talking to a different node of a real 3-node Apache CouchDB cluster (n=3),
 * share hundreds of short command tasks on two nodes (this machine and an sshd node) of 4 slots each. The tasks
 * append to a run log ({@link RunLog}), so the test sees what really ran: no task runs twice at once, no node runs
 * more than its slots, every task completes and passes, and no document is left with conflicting revisions; also
 * with one CouchDB node killed (SIGKILL) in the middle of the run.
 */
class ClusterServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 300;
    private static final int SLOTS = 4;
    private static final String DB = "cluster";
    private static final Duration RUN_WAIT = Duration.ofMinutes(3);
    private static final Duration CONFLICT_CLEANUP = Duration.ofSeconds(90);

    @RegisterExtension
    static final SshFarm farm = SshFarm.builder().node("node-b", Map.of("RUNLOG_NODE", "node-b")).build();

    @TempDir
    Path dir;

    private CouchCluster cluster;
    private RunLog runLog;
    private final List<ServeProcess> servers = new ArrayList<>();
    private long postedAt;

    @BeforeEach
    void cluster_and_project() throws IOException {
        cluster = CouchCluster.start(dir.resolve("cluster"), 3);
        runLog = RunLog.in(dir, "0.02");
        Map<String, String> env = env(0);
        var created = new Cli(dir, env).run("create", "demo", DB);
        assertThat(created.exitCode()).as(created.err()).isZero();
        letTasksSee("RUNLOG_NODE", dir.resolve("demo/settings.toml"));
        Cli.allowAnyCommand(dir.resolve("demo"));
        Cli cli = new Cli(dir.resolve("demo"), env);
        var probed = cli.run("updatenodes", "--local", "node-b");
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        for (String node : List.of("local", "node-b")) {
            var slots = cli.run("nodes", "slots", node, String.valueOf(SLOTS));
            assertThat(slots.exitCode()).as(slots.err()).isZero();
        }
        assertThat(cluster.get(0, "/" + DB).path("cluster").path("n").asInt()).isEqualTo(3);
    }

    /** The run log names each node by RUNLOG_NODE, which a task gets only once [nodes] task_environment lists it. */
    private static void letTasksSee(String variable, Path settings) throws IOException {
        String text = Files.readString(settings);
        String listed = text.replace("task_environment = [", "task_environment = [\"" + variable + "\", ");
        assertThat(listed).as("the template lists task_environment").isNotEqualTo(text);
        Files.writeString(settings, listed);
    }

    @AfterEach
    void stop_everything(TestInfo test) throws InterruptedException, IOException {
        for (ServeProcess server : servers) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        keepLogs(test.getTestMethod().orElseThrow().getName());
    }

    /** Copies the serve logs, the run log and the CouchDB logs to target/cluster-suite/TEST for a look afterwards. */
    private void keepLogs(String test) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "cluster-suite", test));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString()
                    .matches(".*\\.log|runlog")).toList()) {
                Files.copy(file, kept.resolve(dir.relativize(file).toString().replace('/', '-')),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The CLI's and serve's environment with the cluster node {@code node} as its database server. */
    private Map<String, String> env(int node) {
        return Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", cluster.url(node), "DIRT_SSH_CONFIG",
                farm.sshConfig().toString(), "RUNLOG_NODE", "local");
    }

    private void serve(String name, int node) {
        servers.add(ServeProcess.start(dir.resolve("demo"), env(node), dir.resolve(name + ".log"), "--name", name,
                "--grace", "1"));
    }

    @Test
    void two_servers_on_different_cluster_nodes_share_the_tasks_without_overlap_overfilled_slots_or_conflicts()
            throws Exception {
        serve("one", 0);
        serve("two", 1);

        postTasks();

        await("all " + TASKS + " tasks completed").atMost(RUN_WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> completed() == TASKS);
        RunLog.Report report = runLog.read();
        report("no failure", report);
        assertEveryTaskPassedWithoutOverlapWithinTheSlots(report);
        assertThat(rerunTasks(report)).as("tasks that ran again although every server, node and CouchDB stayed up")
                .isEmpty();
        assertThat(tasks().stream().map(task -> task.path("server").asText().split("@")[0]).distinct())
                .as("servers that ran tasks").containsExactlyInAnyOrder("one", "two");
        assertNoConflictsLeft();
    }

    @Test
    void with_a_cluster_node_killed_mid_run_every_task_still_completes_without_overlap_or_conflicts()
            throws Exception {
        serve("one", 0);
        serve("two", 1);

        postTasks();
        await("a third of the tasks completed").atMost(RUN_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> completed() >= TASKS / 3);
        cluster.kill(1);

        await("all " + TASKS + " tasks completed with node 1 of the cluster dead").atMost(RUN_WAIT)
                .pollInterval(Duration.ofSeconds(1)).until(() -> completed() == TASKS);
        RunLog.Report report = runLog.read();
        report("CouchDB node 1 killed at a third", report);
        assertThat(servers).as("servers still running, the one whose CouchDB node died included")
                .allSatisfy(server -> assertThat(server.alive()).as(server.log()).isTrue());
        assertEveryTaskPassedWithoutOverlapWithinTheSlots(report);
        assertNoConflictsLeft();
    }

    private void postTasks() {
        postedAt = System.nanoTime();
        List<ObjectNode> docs = new ArrayList<>();
        docs.add(JSON.createObjectNode().put("_id", "r1").put("type", "record").put("created", 1_700_000_000));
        for (int i = 0; i < TASKS; i++) {
            docs.add(JSON.createObjectNode().put("_id", String.format("t%03d", i)).put("type", "task")
                    .put("record_id", "r1").put("name", "logged").put("created", 1_700_000_000 + i)
                    .put("command", runLog.command()));
        }
        for (int from = 0; from < docs.size(); from += 100) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("docs").addAll(docs.subList(from, Math.min(docs.size(), from + 100)));
            HttpResponse<String> response = cluster.send(0, "POST", "/" + DB + "/_bulk_docs", body.toString());
            assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
        }
    }

    /**
     * Every task as all three copies of its shard answer for it ({@code r=3}): {@code _all_docs} reads one copy of
     * each shard, which may not have received a write that the others acknowledged yet.
     */
    private List<JsonNode> tasks() {
        return tasksAsOneCopyHasThem().stream()
                .map(task -> cluster.get(0, "/" + DB + "/" + task.path("_id").asText() + "?r=3")).toList();
    }

    private List<JsonNode> tasksAsOneCopyHasThem() {
        List<JsonNode> tasks = new ArrayList<>();
        cluster.get(0, "/" + DB + "/_all_docs?include_docs=true").path("rows").forEach(row -> {
            if ("task".equals(row.path("doc").path("type").asText())) {
                tasks.add(row.path("doc"));
            }
        });
        return tasks;
    }

    private long completed() {
        return tasksAsOneCopyHasThem().stream().filter(task -> task.has("completed")).count();
    }

    /** Prints what the run and the documents show, so that a failing run still reports its figures. */
    private void report(String scenario, RunLog.Report report) {
        System.out.printf("cluster suite (%s): all completed %.1f s after the post; %d runs of %d tasks;"
                + " run more than once: %s; overlapping runs: %d;"
                + " overlaps by lock: %d; runs without an end: %d, stopped: %d; most at once per node: %s;"
                + " the re-run tasks: %s%n", scenario, (System.nanoTime() - postedAt) / 1e9,
                report.runs().size(), TASKS,
                report.tasksRunMoreThanOnce(), report.overlappingRuns().size(), report.lockOverlaps().size(),
                report.unended(), report.stopped(), report.mostAtOnceByNode(), rerunTasks(report));
    }

    /** The tasks that ran more than once: their runs from the log, attempt and history from the document. */
    private List<String> rerunTasks(RunLog.Report report) {
        Map<String, JsonNode> tasks = new TreeMap<>();
        tasks().forEach(task -> tasks.put(task.path("_id").asText(), task));
        return report.tasksRunMoreThanOnce().keySet().stream().map(id -> id + " runs="
                + report.runs().stream().filter(run -> run.task().equals(id)).toList() + " attempt="
                + tasks.get(id).path("attempt") + " server=" + tasks.get(id).path("server") + " history="
                + tasks.get(id).path("history")).toList();
    }

    private void assertEveryTaskPassedWithoutOverlapWithinTheSlots(RunLog.Report report) {
        List<JsonNode> tasks = tasks();
        assertThat(tasks).hasSize(TASKS);
        assertThat(tasks).allSatisfy(task -> assertThat(task.path("results").path("success").asBoolean())
                .as(task.toString()).isTrue());
        assertThat(report.lockOverlaps()).as("runs that found their task's lock taken").isEmpty();
        assertThat(report.overlappingRuns()).as("runs of one task at the same time").isEmpty();
        assertThat(report.runs().stream().filter(RunLog.Run::ended).filter(run -> !run.stopped())
                .map(RunLog.Run::task).distinct()).as("tasks that ran to the end").hasSize(TASKS);
        assertThat(report.mostAtOnceByNode()).as("most runs at once per node").containsOnlyKeys("local", "node-b")
                .allSatisfy((node, most) -> assertThat(most).as(node).isLessThanOrEqualTo(SLOTS));
        assertThat(runsBeyondClaims(tasks, report)).as("tasks that ran more often than they were claimed").isEmpty();
        assertThat(tasks).allSatisfy(task -> assertThat(task.path("history"))
                .as("earlier attempts of " + task.path("_id").asText())
                .allSatisfy(entry -> assertThat(entry.path("outcome").asText()).isIn("lost", "handed_back")));
    }

    /**
     * Tasks whose runs outnumber their attempts: each claim a server won numbers one attempt, so more runs than
     * attempts means two servers both ran a claim that only one of them won.
     */
    private static Map<String, String> runsBeyondClaims(List<JsonNode> tasks, RunLog.Report report) {
        Map<String, Long> runs = report.runs().stream().collect(Collectors.groupingBy(RunLog.Run::task,
                Collectors.counting()));
        Map<String, String> found = new TreeMap<>();
        for (JsonNode task : tasks) {
            String id = task.path("_id").asText();
            long ran = runs.getOrDefault(id, 0L);
            if (ran > task.path("attempt").asInt()) {
                found.put(id, ran + " runs, attempt " + task.path("attempt").asInt());
            }
        }
        return found;
    }

    /** Waits (bounded) until no document has conflicting revisions: no _conflicts, one live leaf. */
    private void assertNoConflictsLeft() {
        long from = System.nanoTime();
        await("no document with conflicting revisions").atMost(CONFLICT_CLEANUP).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(conflicts()).as("documents with their live leaf revisions")
                        .isEmpty());
        System.out.printf("cluster suite: no conflicts left %.1f s after the check began%n",
                (System.nanoTime() - from) / 1e9);
    }

    /** Documents that have more than one live leaf revision (or report {@code _conflicts}), with those revisions. */
    private Map<String, List<String>> conflicts() {
        Map<String, List<String>> found = new TreeMap<>();
        for (JsonNode row : cluster.get(0, "/" + DB + "/_all_docs").path("rows")) {
            String id = row.path("id").asText();
            String path = "/" + DB + "/" + encode(id);
            JsonNode doc = cluster.get(0, path + "?conflicts=true");
            List<String> live = liveLeaves(cluster.get(0, path + "?open_revs=all"));
            if (doc.has("_conflicts") || live.size() != 1) {
                List<String> revs = new ArrayList<>(live);
                doc.path("_conflicts").forEach(rev -> revs.add("conflict " + rev.asText()));
                found.put(id, revs);
            }
        }
        return found;
    }

    private static List<String> liveLeaves(JsonNode openRevs) {
        List<String> live = new ArrayList<>();
        for (JsonNode leaf : (ArrayNode) openRevs) {
            JsonNode doc = leaf.path("ok");
            if (doc.isObject() && !doc.path("_deleted").asBoolean()) {
                live.add(doc.path("_rev").asText());
            }
        }
        return live;
    }

    private static String encode(String id) {
        String prefix = id.startsWith("_design/") ? "_design/" : "";
        return prefix + URLEncoder.encode(id.substring(prefix.length()), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
