package dirt.store.local;

import static java.util.Objects.requireNonNull;

import dirt.store.StoreException;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A local CouchDB-compatible server: pouchdb-server 4.2.0 from npm, on {@code 127.0.0.1}. Installs it on first use,
 * starts it attached to this JVM ({@link #start}) or detached so it outlives the JVM ({@link #startDetached}, with a
 * pid file), reports its {@link #status()} and {@link #stop()}s it.
 *
 * <pre>{@code
 * LocalCouch couch = new LocalCouch(LocalCouchPaths.defaults());
 * LocalCouchStatus status = couch.startDetached(LocalCouch.DEFAULT_PORT, false);   // dirt couch start
 * couch.stop();                                                                     // dirt couch stop
 * }</pre>
 */
public final class LocalCouch {
    public static final String HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5984;
    /** The npm package this runs. */
    public static final String PACKAGE = "pouchdb-server@" + PouchDbInstaller.VERSION;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final LocalCouchPaths paths;
    private final PouchDbInstaller installer;
    private final ServerLauncher launcher;

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
        launcher.awaitReady(process, port);
        return new RunningCouch(process, ServerLauncher.url(port), paths.logFile());
    }

    /**
     * Starts a server in its own session (via {@code setsid} when available) that outlives this JVM, records it in the
     * pid file and waits until it answers. When the pid file names a live server already, returns its status instead.
     */
    public LocalCouchStatus startDetached(int port, boolean inMemory) {
        LocalCouchStatus current = status();
        if (current.state() != LocalCouchStatus.State.STOPPED) {
            return current;
        }
        Process process = launcher.spawn(port, inMemory, true);
        URI url = ServerLauncher.url(port);
        new PidFile(process.pid(), url).write(paths.pidFile());
        try {
            launcher.awaitReady(process, port);
        } catch (RuntimeException e) {
            PidFile.delete(paths.pidFile());
            throw e;
        }
        return new LocalCouchStatus(LocalCouchStatus.State.RUNNING, OptionalLong.of(process.pid()), Optional.of(url));
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
                pid, url);
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
            throw new LocalCouchException("pouchdb-server did not stop: pid=" + process.get().pid()
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
