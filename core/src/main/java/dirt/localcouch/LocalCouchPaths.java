package dirt.localcouch;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local server's files live.
 *
 * @param installDir where npm installs pouchdb-server ({@code node_modules/} below it)
 * @param dataDir    the server's working directory: its databases (unless in memory), {@code config.json} and
 *                   {@code log.txt}
 * @param logFile    where the server's output goes
 * @param pidFile    where a detached server's pid and URL are kept
 * @param couchDbDir where an Apache CouchDB run from a release keeps its configuration, data, log and the admin's
 *                   credentials ({@code admin.json})
 */
public record LocalCouchPaths(Path installDir, Path dataDir, Path logFile, Path pidFile, Path couchDbDir) {
    /** The environment variable that moves dirt's home folder (default {@code ~/.dirt}). */
    public static final String HOME_ENV = "DIRT_HOME_DIR";

    public LocalCouchPaths {
        installDir = requireNonNull(installDir, "installDir is null").toAbsolutePath().normalize();
        dataDir = requireNonNull(dataDir, "dataDir is null").toAbsolutePath().normalize();
        logFile = requireNonNull(logFile, "logFile is null").toAbsolutePath().normalize();
        pidFile = requireNonNull(pidFile, "pidFile is null").toAbsolutePath().normalize();
        couchDbDir = requireNonNull(couchDbDir, "couchDbDir is null").toAbsolutePath().normalize();
    }

    /** The layout for pouchdb-server, with an Apache CouchDB's folder {@code couchdb} beside the pid file. */
    public LocalCouchPaths(Path installDir, Path dataDir, Path logFile, Path pidFile) {
        this(installDir, dataDir, logFile, pidFile, pidFile.toAbsolutePath().normalize().resolveSibling("couchdb"));
    }

    /** The layout below {@code $DIRT_HOME_DIR}, or {@code ~/.dirt} when it is not set. */
    public static LocalCouchPaths defaults() {
        return defaults(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The layout below {@code env.get("DIRT_HOME_DIR")}, or {@code userHome/.dirt}. */
    public static LocalCouchPaths defaults(Map<String, String> env, Path userHome) {
        String home = env.get(HOME_ENV);
        return under(home == null || home.isBlank() ? userHome.resolve(".dirt") : Path.of(home));
    }

    /**
     * {@code home/pouchdb-server}, {@code home/couch-data}, {@code home/couch.log}, {@code home/couch.pid} and
     * {@code home/couchdb}.
     */
    public static LocalCouchPaths under(Path home) {
        return new LocalCouchPaths(home.resolve("pouchdb-server"), home.resolve("couch-data"),
                home.resolve("couch.log"), home.resolve("couch.pid"));
    }
}
