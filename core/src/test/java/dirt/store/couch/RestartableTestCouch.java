package dirt.store.couch;

import dirt.localcouch.LocalCouch;
import dirt.localcouch.RunningCouch;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A server of a test's own, for outages: it stops and starts again on the same port with the same data. An Apache
 * CouchDB single node when {@code DIRT_TEST_COUCHDB_HOME} names a release (as the shared server, see
 * {@link CouchServerExtension}; with {@code CI=true} a release that does not start fails), else pouchdb-server with
 * its data in {@code workDir}.
 */
public final class RestartableTestCouch implements AutoCloseable {
    private final CouchDbRelease couchDb;
    private final Path workDir;
    private RunningCouch pouchDb;
    private final int port;

    private RestartableTestCouch(CouchDbRelease couchDb, RunningCouch pouchDb, Path workDir) {
        this.couchDb = couchDb;
        this.pouchDb = pouchDb;
        this.workDir = workDir;
        this.port = couchDb != null ? couchDb.port() : pouchDb.port();
    }

    /** Starts one on a free loopback port; pouchdb-server keeps its data in {@code workDir}. */
    public static RestartableTestCouch start(Path workDir) {
        Optional<Path> home = SharedCouchServer.couchDbHome();
        if (home.isPresent()) {
            try {
                return new RestartableTestCouch(CouchDbRelease.start(home.get()), null, workDir);
            } catch (RuntimeException e) {
                if (SharedCouchServer.isCi()) {
                    throw e;
                }
            }
        }
        return new RestartableTestCouch(null, LocalTestCouch.start(workDir, false), workDir);
    }

    /** A client config for it, with the admin's credentials where it has an admin. */
    public CouchConfig config() {
        return couchDb != null ? couchDb.config() : pouchDb.config();
    }

    /** Its URL with credentials, for handing to code under test; never print it. */
    public String url() {
        return config().urlWithCredentials();
    }

    public int port() {
        return port;
    }

    /** Stops it; its data stays. */
    public void stop() {
        if (couchDb != null) {
            couchDb.stop();
        } else if (pouchDb != null) {
            pouchDb.close();
            pouchDb = null;
        }
    }

    /** Starts it again (stopping it first when it runs) on the same port with the same data; waits until it answers. */
    public void restart() {
        if (couchDb != null) {
            couchDb.restart();
        } else {
            stop();
            pouchDb = new LocalCouch(LocalTestCouch.paths(workDir)).start(port, false);
        }
    }

    @Override
    public void close() {
        if (couchDb != null) {
            couchDb.close();
        } else {
            stop();
        }
    }
}
