package dirt.cli;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.localcouch.VmArgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A 3-node (or n-node) Apache CouchDB cluster on loopback, from the release in {@code DIRT_TEST_COUCHDB_HOME}. Each
 * instance has its own folder, port P (and P+2, its node-local port), Erlang name {@code couchdb-P@127.0.0.1}, and the
 * cluster's own cookie, so clusters of other tests on this machine never join it. Instances are joined as CouchDB's
 * dev/run does (its {@code _cluster_setup} refuses a loopback bind address). Stop with {@link #close()} (SIGTERM);
 * {@link #kill(int)} is SIGKILL for failure tests. Erlang's port mapper (epmd), which the first instance starts, is
 * shared by every CouchDB on the machine and is left running.
 */
final class CouchCluster implements AutoCloseable {
    static final String HOME_ENV = "DIRT_TEST_COUCHDB_HOME";
    static final String ADMIN = "admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final String password = UUID.randomUUID().toString().substring(0, 12);
    private final String cookie = "dirt-cluster-" + UUID.randomUUID();
    private final List<Member> members = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One running instance. */
    private record Member(int port, Path dir, Process process) {
        String name() {
            return erlangName(port);
        }
    }

    private CouchCluster() {
    }

    /**
     * The release folder from {@code DIRT_TEST_COUCHDB_HOME}. Without it the calling test is skipped, except in CI
     * ({@code CI=true}), where it fails: CI must run the cluster tests.
     */
    static Path release() {
        String home = System.getenv(HOME_ENV);
        if (home == null || home.isBlank()) {
            String why = HOME_ENV + " is not set: the cluster tests need an Apache CouchDB 3 release folder"
                    + " (e.g. ~/.cache/dirt/couchdb-3.5.0, made by shared/couchdb/install)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + " — CI must set it");
            }
            Assumptions.abort(why);
        }
        Path release = Path.of(home);
        if (!Files.isExecutable(release.resolve("bin").resolve("couchdb"))) {
            throw new IllegalStateException("no CouchDB release: " + HOME_ENV + "=\"" + home + "\" has no"
                    + " executable bin/couchdb — point it at an installed release folder");
        }
        return release;
    }

    /** Starts {@code size} instances in folders under {@code dir}, joins them and creates the system databases. */
    static CouchCluster start(Path dir, int size) {
        Path release = release();
        CouchCluster cluster = new CouchCluster();
        try {
            for (int i = 0; i < size; i++) {
                cluster.members.add(cluster.launch(release, dir.resolve("couchdb-" + i)));
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitUp(i);
            }
            cluster.join();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The URL of instance {@code i}, with the admin's credentials. */
    String url(int i) {
        return "http://" + ADMIN + ":" + password + "@127.0.0.1:" + members.get(i).port();
    }

    int size() {
        return members.size();
    }

    /** The URL of instance {@code i} without credentials, for messages. */
    String displayUrl(int i) {
        return "http://127.0.0.1:" + members.get(i).port();
    }

    /** SIGKILL to instance {@code i}, as a crash or the OOM killer would end it; waits until it is gone. */
    void kill(int i) throws InterruptedException {
        Process process = members.get(i).process();
        process.destroyForcibly();
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("CouchDB instance did not die on SIGKILL: pid=" + process.pid());
        }
    }

    boolean alive(int i) {
        return members.get(i).process().isAlive();
    }

    /** A GET as the admin on instance {@code i}, parsed; fails on any status but 200. */
    JsonNode get(int i, String path) {
        HttpResponse<String> response = send(i, "GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + displayUrl(i) + path + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as the admin on instance {@code i}; {@code body} null for none. */
    HttpResponse<String> send(int i, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(displayUrl(i) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGTERM to every instance still running, then SIGKILL to those that outlive {@link #STOP_WAIT}. */
    @Override
    public void close() {
        members.forEach(member -> member.process().destroy());
        for (Member member : members) {
            try {
                if (!member.process().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    member.process().destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                member.process().destroyForcibly();
            }
        }
    }

    private static String erlangName(int port) {
        return "couchdb-" + port + "@127.0.0.1";
    }

    private Member launch(Path release, Path dir) {
        int port = freePortPair(members.stream().flatMap(member -> Stream.of(member.port(), member.port() + 2))
                .toList());
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("views"));
            new VmArgs(erlangName(port), Optional.of(cookie)).writeIn(dir);
            Files.writeString(dir.resolve("local.ini"), localIni(dir, port));
            var builder = new ProcessBuilder(release.resolve("bin").resolve("couchdb").toString())
                    .directory(release.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
            builder.environment().put("COUCHDB_ARGS_FILE", dir.resolve(VmArgs.FILE_NAME).toString());
            builder.environment().put("COUCHDB_INI_FILES",
                    release.resolve("etc").resolve("default.ini") + " " + dir.resolve("local.ini"));
            return new Member(port, dir, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a CouchDB instance in " + dir, e);
        }
    }

    private String localIni(Path dir, int port) {
        String uuid = UUID.nameUUIDFromBytes(dir.toString().getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
        return String.join("\n", "[couchdb]", "database_dir = " + dir.resolve("data"),
                "view_index_dir = " + dir.resolve("views"), "uuid = " + uuid, "single_node = false",
                "max_document_size = 67108864", "[chttpd]", "port = " + port, "bind_address = 127.0.0.1", "[httpd]",
                "port = " + (port + 2), "bind_address = 127.0.0.1", "[chttpd_auth]", "secret = " + uuid, "[log]",
                "writer = file", "file = " + dir.resolve("couchdb.log"), "level = warning", "[admins]",
                ADMIN + " = " + password, "");
    }

    /** Waits (bounded) until instance {@code i} answers {@code GET /}. */
    private void awaitUp(int i) {
        Member member = members.get(i);
        await("CouchDB instance " + displayUrl(i) + " answers, see " + member.dir().resolve("stdout.log"))
                .atMost(START_WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    if (!member.process().isAlive()) {
                        throw new IllegalStateException("CouchDB instance exited: code="
                                + member.process().exitValue() + " — see " + member.dir().resolve("stdout.log"));
                    }
                    return send(i, "GET", "/", null).statusCode() == 200;
                });
    }

    /** Adds the other instances to the first one's cluster, waits for the membership, creates the system dbs. */
    private void join() {
        for (Member member : members.subList(1, members.size())) {
            HttpResponse<String> added = send(0, "PUT", "/_node/_local/_nodes/" + member.name(), "{}");
            if (added.statusCode() / 100 != 2) {
                throw new IllegalStateException("cannot add a node to the cluster: node=\"" + member.name()
                        + "\" status=" + added.statusCode() + " body=" + added.body());
            }
        }
        for (int i = 0; i < members.size(); i++) {
            int at = i;
            await("instance " + displayUrl(i) + " sees all " + members.size() + " cluster nodes")
                    .atMost(START_WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> get(at, "/_membership").path("cluster_nodes").size() == members.size()
                            && get(at, "/_membership").path("all_nodes").size() == members.size());
        }
        for (String db : List.of("_users", "_replicator")) {
            int status = send(0, "PUT", "/" + db, null).statusCode();
            if (status != 201 && status != 202 && status != 412) {
                throw new IllegalStateException("cannot create a system database: db=\"" + db + "\" status="
                        + status);
            }
        }
    }

    /** A port P on 127.0.0.1 such that P and P+2 were both free a moment ago and neither is in {@code taken}. */
    private static int freePortPair(List<Integer> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port + 2 > 65535 || taken.contains(port) || taken.contains(port + 2)) {
                    continue;
                }
                if (free(port + 2)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port P with P+2 free on 127.0.0.1 after 50 tries");
    }

    private static boolean free(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
