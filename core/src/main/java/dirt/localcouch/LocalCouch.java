package dirt.localcouch;

import static java.util.Objects.requireNonNull;

import dirt.store.StoreException;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A local CouchDB-compatible server on {@code 127.0.0.1}: pouchdb-server 4.2.0 from npm, or Apache CouchDB run from a
 * release folder. Installs pouchdb-server on first use, starts it attached to this JVM ({@link #start}) or detached so
 * it outlives the JVM ({@link #startDetached}, with a pid file); starts a CouchDB release detached
 * ({@link #startDetached(int, CouchRelease)}). Either detached server gets an admin that is made on its first start and
 * kept in a file only its owner may read ({@link #adminFor}); reports the {@link #status()} of whichever runs and
 * {@link #stop()}s it.
 *
 * <pre>{@code
 * LocalCouch couch = new LocalCouch(LocalCouchPaths.defaults());
 * LocalCouchStatus status = couch.startDetached(LocalCouch.DEFAULT_PORT, false);   // dirt couch start
 * couch.stop();                                                                     // dirt couch stop
 * couch.startDetached(5984, CouchRelease.at(Path.of("/opt/couchdb")));            // dirt couch start --release
 * }</pre>
 */
public final class LocalCouch {
    public static final String HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5984;
    /** The npm package this runs. */
    public static final String PACKAGE = "pouchdb-server@" + PouchDbInstaller.VERSION;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final LocalCouchPaths paths;
    private final PouchDbInstaller installer;
    private final ServerLauncher launcher;
    private final CouchDbLauncher couchDb;

    public LocalCouch(LocalCouchPaths paths) {
        this(paths, DEFAULT_START_TIMEOUT);
    }

    public LocalCouch(LocalCouchPaths paths, Duration startTimeout) {
        this(paths, PouchDbInstaller.fromEnvironment(), startTimeout);
    }

    LocalCouch(LocalCouchPaths paths, PouchDbInstaller installer, Duration startTimeout) {
        this.paths = requireNonNull(paths, "paths is null");
        this.installer = installer;
        this.launcher = new ServerLauncher(paths, installer, requireNonNull(startTimeout, "startTimeout is null"));
        this.couchDb = new CouchDbLauncher(paths, startTimeout, installer);
    }

    /** Whether {@code url} names this machine: {@code 127.0.0.1}, {@code localhost} or {@code ::1}. */
    public static boolean isLoopback(URI url) {
        return url.getHost() != null && LOOPBACK.contains(url.getHost());
    }

    /** The port {@code url} names; {@link #DEFAULT_PORT} when it names none. */
    public static int port(URI url) {
        return url.getPort() == -1 ? DEFAULT_PORT : url.getPort();
    }

    public LocalCouchPaths paths() {
        return paths;
    }

    /** Whether pouchdb-server is installed in {@code installDir}. */
    public static boolean isInstalled(Path installDir) {
        return PouchDbInstaller.isInstalled(installDir.toAbsolutePath().normalize());
    }

    /**
     * Installs pouchdb-server into {@code installDir} with npm unless it is there (takes about a minute); safe to call
     * from parallel processes. Returns the server's script.
     *
     * @throws LocalCouchException "pouchdb-server needs Node.js and npm: apt-get install nodejs npm" when they are
     *                             missing, or when npm fails
     */
    public static Path ensureInstalled(Path installDir) {
        return PouchDbInstaller.fromEnvironment().ensureInstalled(installDir);
    }

    /** {@link #ensureInstalled(Path)} into this layout's install folder. */
    public Path ensureInstalled() {
        return installer.ensureInstalled(paths.installDir());
    }

    /**
     * Starts a server that belongs to this JVM: it stops when the returned handle is closed or the JVM ends. Installs
     * pouchdb-server first if needed and waits until the server answers.
     *
     * @param inMemory keep databases in memory only (lost when it stops) instead of in {@code dataDir}
     */
    public RunningCouch start(int port, boolean inMemory) {
        Process process = launcher.spawn(port, inMemory, false);
        launcher.awaitReady(process, port, Optional.empty());
        return new RunningCouch(process, ServerLauncher.url(port), paths.logFile());
    }

    /**
     * Starts pouchdb-server in its own session (via {@code setsid} when available) that outlives this JVM, records it
     * in the pid file and waits until it answers. It has CORS off and an admin, made on first start and kept in
     * {@link #pouchDbAdminFile()} ({@link #adminFor}). When the pid file names a live server already (either kind),
     * returns its status instead.
     */
    public LocalCouchStatus startDetached(int port, boolean inMemory) {
        LocalCouchStatus current = status();
        if (current.state() != LocalCouchStatus.State.STOPPED) {
            return current;
        }
        Process process = launcher.spawn(port, inMemory, true);
        return recorded(process, new PidFile(process.pid(), ServerLauncher.url(port), Optional.empty()),
                () -> launcher.awaitReady(process, port, LocalAdmin.read(launcher.adminFile())));
    }

    /**
     * Starts Apache CouchDB from {@code release} as a single node in its own session that outlives this JVM, with its
     * configuration and data in {@link LocalCouchPaths#couchDbDir()}, records it in the pid file and waits until it is
     * ready. On first start it makes the server's admin ({@link #adminFor}). When the pid file names a live server
     * already (either kind), returns its status instead.
     */
    public LocalCouchStatus startDetached(int port, CouchRelease release) {
        LocalCouchStatus current = status();
        if (current.state() != LocalCouchStatus.State.STOPPED) {
            return current;
        }
        Process process = couchDb.spawn(release, port);
        return recorded(process, new PidFile(process.pid(), ServerLauncher.url(port), Optional.of(release.dir())),
                () -> couchDb.awaitReady(process, port));
    }

    private LocalCouchStatus recorded(Process process, PidFile pidFile, Runnable awaitReady) {
        pidFile.write(paths.pidFile());
        try {
            awaitReady.run();
        } catch (RuntimeException e) {
            if (process.isAlive()) {
                ServerLauncher.kill(process);
            }
            PidFile.delete(paths.pidFile());
            throw e;
        }
        return new LocalCouchStatus(LocalCouchStatus.State.RUNNING, OptionalLong.of(process.pid()),
                Optional.of(pidFile.url()), Optional.of(server(pidFile)));
    }

    /**
     * The admin of the server that {@code dirt couch start} runs (pouchdb-server or CouchDB from a release), when the
     * pid file names one that lives, at {@code url}'s port, and {@code url} is a loopback URL: what the CLI logs in
     * with when it is given no credentials. Empty for a pouchdb-server that an earlier dirt started without an admin
     * ({@link #runsWithoutAdmin}).
     */
    public Optional<LocalAdmin> adminFor(URI url) {
        return running(url).flatMap(file -> LocalAdmin.read(file.release().isPresent() ? couchDb.adminFile()
                : launcher.adminFile()));
    }

    /**
     * Whether the server at {@code url} is a pouchdb-server that {@code dirt couch start} runs without an admin, as
     * earlier versions of dirt started it: everyone who reaches it is its admin. Restarting it gives it one.
     */
    public boolean runsWithoutAdmin(URI url) {
        return running(url).filter(file -> file.release().isEmpty()).isPresent()
                && LocalAdmin.read(launcher.adminFile()).isEmpty();
    }

    private Optional<PidFile> running(URI url) {
        if (!isLoopback(url)) {
            return Optional.empty();
        }
        return PidFile.read(paths.pidFile()).filter(file -> file.url() != null && port(file.url()) == port(url))
                .filter(file -> file.process().isPresent());
    }

    /** Where the credentials of a CouchDB run from a release are kept ({@code admin.json}, mode 0600). */
    public Path adminFile() {
        return couchDb.adminFile();
    }

    /** Where the credentials of the detached pouchdb-server are kept ({@code admin.json} in its data folder, 0600). */
    public Path pouchDbAdminFile() {
        return launcher.adminFile();
    }

    /** Where a CouchDB run from a release logs. */
    public Path couchDbLogFile() {
        return couchDb.logFile();
    }

    /** What the pid file says and whether that server answers. */
    public LocalCouchStatus status() {
        Optional<PidFile> pidFile = PidFile.read(paths.pidFile());
        if (pidFile.isEmpty() || pidFile.get().process().isEmpty()) {
            return LocalCouchStatus.stopped();
        }
        PidFile file = pidFile.get();
        OptionalLong pid = OptionalLong.of(file.pid());
        Optional<URI> url = Optional.ofNullable(file.url());
        boolean answers = url.isPresent() && answers(url.get());
        return new LocalCouchStatus(answers ? LocalCouchStatus.State.RUNNING : LocalCouchStatus.State.NOT_ANSWERING,
                pid, url, Optional.of(server(file)));
    }

    private static String server(PidFile file) {
        return file.release().map(dir -> {
            try {
                return CouchRelease.at(dir).describe();
            } catch (LocalCouchException gone) {
                return "CouchDB from " + dir;
            }
        }).orElse("pouchdb-server");
    }

    /**
     * Stops the detached server named by the pid file (SIGTERM, then SIGKILL after 10 s) and removes the pid file.
     * Returns whether a server was running.
     */
    public boolean stop() {
        Optional<PidFile> pidFile = PidFile.read(paths.pidFile());
        Optional<ProcessHandle> process = pidFile.flatMap(PidFile::process);
        process.ifPresent(ServerLauncher::kill);
        if (process.isPresent() && process.get().isAlive()) {
            throw new LocalCouchException(pidFile.get().serverName() + " did not stop: pid=" + process.get().pid()
                    + " — end it with 'kill -9 " + process.get().pid() + "'");
        }
        PidFile.delete(paths.pidFile());
        return process.isPresent();
    }

    private static boolean answers(URI url) {
        try (CouchClient probe = CouchClient.create(CouchConfig.of(url.toString())
                .withTimeouts(PROBE_TIMEOUT, PROBE_TIMEOUT))) {
            probe.serverInfo();
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "LocalCouch[" + paths + "]";
    }
}
