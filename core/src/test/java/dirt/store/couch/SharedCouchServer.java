package dirt.store.couch;

import dirt.store.local.RunningCouch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The server of one test JVM: a local in-memory pouchdb-server, or an external CouchDB; closed at the JVM's end. */
final class SharedCouchServer implements ExtensionContext.Store.CloseableResource {
    static final String URL_ENV = "DIRT_TEST_COUCH_URL";

    private final RunningCouch local;
    private final Path workDir;
    private final CouchClient client;

    private SharedCouchServer(RunningCouch local, Path workDir, CouchClient client) {
        this.local = local;
        this.workDir = workDir;
        this.client = client;
    }

    static SharedCouchServer fromEnvironment() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            return external(CouchConfig.of(url));
        }
        return startLocal();
    }

    static SharedCouchServer external(CouchConfig config) {
        return new SharedCouchServer(null, null, CouchClient.create(config));
    }

    private static SharedCouchServer startLocal() {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("dirt-test-couch-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunningCouch server = LocalTestCouch.start(workDir, true);
        return new SharedCouchServer(server, workDir, CouchClient.create(server.config()));
    }

    TestCouch newTestCouch(String testName) {
        return new TestCouch(client, testName, local == null);
    }

    @Override
    public void close() {
        client.close();
        if (local != null) {
            local.close();
            deleteRecursively(workDir);
        }
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
