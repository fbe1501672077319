package dirt.store.couch;

import dirt.localcouch.RunningCouch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server of one test JVM, closed at the JVM's end: {@code DIRT_TEST_COUCH_URL} when set; else an Apache CouchDB
 * single node started from the release in {@code DIRT_TEST_COUCHDB_HOME} when set; else an in-memory pouchdb-server.
 * Says once on standard error which one the tests use.
 */
final class SharedCouchServer implements ExtensionContext.Store.CloseableResource {
    static final String URL_ENV = "DIRT_TEST_COUCH_URL";
    static final String HOME_ENV = "DIRT_TEST_COUCHDB_HOME";

    private final AutoCloseable owned;
    private final Path workDir;
    private final CouchClient client;
    private final boolean realCouchDb;

    private SharedCouchServer(AutoCloseable owned, Path workDir, CouchClient client, String origin) {
        this.owned = owned;
        this.workDir = workDir;
        this.client = client;
        ServerInfo info = client.serverInfo();
        this.realCouchDb = isApacheCouchDb(info);
        System.err.println("dirt tests: " + describe(info) + " at " + client.config().url().getAuthority()
                .replaceFirst("^.*@", "") + " (" + origin + ")");
    }

    static SharedCouchServer fromEnvironment() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            return new SharedCouchServer(null, null, CouchClient.create(CouchConfig.of(url)), URL_ENV);
        }
        Optional<Path> home = couchDbHome();
        if (home.isPresent()) {
            try {
                CouchDbRelease node = CouchDbRelease.start(home.get());
                return new SharedCouchServer(node, null, CouchClient.create(node.config()),
                        HOME_ENV + "=" + home.get());
            } catch (RuntimeException e) {
                if (isCi()) {
                    throw new IllegalStateException("CI: cannot start the CouchDB release named by " + HOME_ENV
                            + ": " + e.getMessage(), e);
                }
                System.err.println("dirt tests: cannot start the CouchDB release named by " + HOME_ENV
                        + ", using pouchdb-server instead: " + e.getMessage());
                return startLocal(HOME_ENV + " did not start");
            }
        }
        return startLocal("neither " + URL_ENV + " nor " + HOME_ENV + " set");
    }

    /** The CouchDB release named by {@code DIRT_TEST_COUCHDB_HOME}, when set. */
    static Optional<Path> couchDbHome() {
        String home = System.getenv(HOME_ENV);
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
    }

    static boolean isCi() {
        return "true".equals(System.getenv("CI"));
    }

    private static SharedCouchServer startLocal(String why) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("dirt-test-couch-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunningCouch server = LocalTestCouch.start(workDir, true);
        return new SharedCouchServer(server, workDir, CouchClient.create(server.config()), why);
    }

    TestCouch newTestCouch(String testName) {
        return new TestCouch(client, testName, realCouchDb);
    }

    @Override
    public void close() throws Exception {
        client.close();
        if (owned != null) {
            owned.close();
        }
        deleteRecursively(workDir);
    }

    /** Apache CouchDB answers {@code GET /} with {@code "couchdb": "Welcome"} and the ASF as vendor. */
    static boolean isApacheCouchDb(ServerInfo info) {
        return info.raw().has("couchdb") && info.vendor().contains("Apache");
    }

    private static String describe(ServerInfo info) {
        if (isApacheCouchDb(info)) {
            return "Apache CouchDB " + info.version();
        }
        if (info.raw().has("express-pouchdb")) {
            return "pouchdb-server " + info.version();
        }
        return info.vendor() + " " + info.version();
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp folder left behind is harmless
        }
    }
}
