package dirt.store.couch;

import dirt.localcouch.LocalCouch;
import dirt.localcouch.LocalCouchException;
import dirt.localcouch.LocalCouchPaths;
import dirt.localcouch.RunningCouch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Helpers for tests that need their own pouchdb-server (to stop and restart it, or to give it an admin) besides the
 * shared one of {@link CouchServerExtension}. pouchdb-server lives in {@code $DIRT_REPO_ROOT/.tools/pouchdb} and is
 * installed there on first use.
 */
public final class LocalTestCouch {
    static final String REPO_ROOT_ENV = "DIRT_REPO_ROOT";
    private static final int START_ATTEMPTS = 3;

    private LocalTestCouch() {
    }

    /** Where tests install pouchdb-server: {@code <repo root>/.tools/pouchdb}. */
    public static Path installDir() {
        return repoRoot().resolve(".tools").resolve("pouchdb");
    }

    /** {@code $DIRT_REPO_ROOT} (set by surefire), else the nearest folder upwards with dirt's root pom. */
    public static Path repoRoot() {
        String env = System.getenv(REPO_ROOT_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRootPom(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find dirt's repository root from " + Path.of("").toAbsolutePath()
                + ": set " + REPO_ROOT_ENV);
    }

    /** A port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LocalCouch.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The layout of a test server whose data, config, log and pid file live in {@code workDir}. */
    public static LocalCouchPaths paths(Path workDir) {
        return new LocalCouchPaths(installDir(), workDir, workDir.resolve("couch.log"), workDir.resolve("couch.pid"));
    }

    /** Starts a server attached to this JVM on a free port, retrying when another process takes the port first. */
    public static RunningCouch start(Path workDir, boolean inMemory) {
        LocalCouch couch = new LocalCouch(paths(workDir));
        LocalCouchException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return couch.start(freePort(), inMemory);
            } catch (LocalCouchException e) {
                if (!e.getMessage().contains("already in use")) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static boolean isRootPom(Path pom) {
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>dirt-parent</artifactId>")
                    && Files.readString(pom).contains("<modules>");
        } catch (IOException e) {
            return false;
        }
    }
}
