package dirt.localcouch;

import dirt.store.UnauthorizedException;
import dirt.store.couch.CouchConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds pouchdb-server's command line and configuration ({@link PouchDbConfig}), spawns it, and waits until it
 * answers. A detached server gets an admin, made on its first start and kept in {@code admin.json} in the data folder
 * (mode 0600); a server attached to this JVM (tests) has none, so everyone is its admin. Both have CORS off.
 */
final class ServerLauncher {
    static final String ADMIN_FILE = "admin.json";
    private static final Logger log = LoggerFactory.getLogger(LocalCouch.class);
    private static final String EXIT_WITH_PARENT = """
            // Written by dirt: ends this pouchdb-server when the process that started it goes away (stdin closes).
            process.stdin.on('end', () => process.exit(0));
            process.stdin.on('error', () => process.exit(0));
            process.stdin.resume();
            """;

    private final LocalCouchPaths paths;
    private final PouchDbInstaller installer;
    private final Duration startTimeout;

    ServerLauncher(LocalCouchPaths paths, PouchDbInstaller installer, Duration startTimeout) {
        this.paths = paths;
        this.installer = installer;
        this.startTimeout = startTimeout;
    }

    static URI url(int port) {
        return URI.create("http://" + LocalCouch.HOST + ":" + port);
    }

    /** Where a detached server's admin is kept: {@code admin.json} in the data folder. */
    Path adminFile() {
        return paths.dataDir().resolve(ADMIN_FILE);
    }

    /** The admin of a detached server, made on first use. */
    LocalAdmin admin() {
        return LocalAdmin.read(adminFile()).orElseGet(() -> LocalAdmin.create(adminFile()));
    }

    /** Starts the server; attached servers end with the JVM, detached ones run in their own session. */
    Process spawn(int port, boolean inMemory, boolean detached) {
        Path script = installer.ensureInstalled(paths.installDir());
        requireFreePort(port);
        List<String> command = new ArrayList<>();
        if (detached) {
            installer.executable("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        }
        command.add(installer.node().toString());
        try {
            Files.createDirectories(paths.dataDir());
            Files.createDirectories(paths.logFile().toAbsolutePath().getParent());
            Path config = paths.dataDir().resolve("config.json");
            PouchDbConfig.write(config, detached ? Optional.of(admin()) : Optional.empty());
            if (!detached) {
                Path preload = paths.dataDir().resolve(".dirt-exit-with-parent.js");
                Files.writeString(preload, EXIT_WITH_PARENT, StandardCharsets.UTF_8);
                command.addAll(List.of("--require", preload.toString()));
            }
            command.addAll(List.of(script.toString(), "--host", LocalCouch.HOST, "--port", String.valueOf(port),
                    "--config", config.toString(), "--no-color"));
            command.addAll(inMemory ? List.of("--in-memory") : List.of("--dir", paths.dataDir().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(paths.dataDir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(paths.logFile().toFile()));
            if (detached) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            log.debug("starting pouchdb-server: {}", command);
            return builder.start();
        } catch (IOException e) {
            throw new LocalCouchException("cannot start pouchdb-server: port=" + port + " dir=\"" + paths.dataDir()
                    + "\" cause=\"" + e.getMessage() + "\" — check that Node.js works ('node --version')", e);
        }
    }

    /**
     * Waits until the server answers {@code GET /}, as {@code admin} when given; kills it and throws when it dies,
     * refuses the admin or takes too long.
     */
    void awaitReady(Process process, int port, Optional<LocalAdmin> admin) {
        CouchConfig probe = CouchConfig.of(url(port).toString());
        new StartupWait("pouchdb-server", admin.map(user -> probe.withCredentials(user.user(), user.password()))
                .orElse(probe), client -> {
                    try {
                        client.serverInfo();
                        return true;
                    } catch (UnauthorizedException e) {
                        throw new LocalCouchException("pouchdb-server refused the admin in " + adminFile() + ": port="
                                + port + " — stop it with 'dirt couch stop', then start it again (dirt writes the"
                                + " admin into its configuration at every start)", e);
                    }
                }, paths.logFile(), startTimeout).await(process);
    }

    static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LocalCouch.HOST), port), 1);
        } catch (IOException e) {
            throw portInUse(port);
        }
    }

    static LocalCouchException portInUse(int port) {
        return new LocalCouchException("port " + port + " on " + LocalCouch.HOST + " is already in use — stop the"
                + " server that uses it, or choose another port with --port");
    }

    /** Ends the process: SIGTERM, then SIGKILL after 10 s; bounded. */
    static void kill(ProcessHandle process) {
        process.destroy();
        if (!awaitExit(process, 10)) {
            process.destroyForcibly();
            awaitExit(process, 5);
        }
    }

    private static boolean awaitExit(ProcessHandle process, long seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException | TimeoutException e) {
            return !process.isAlive();
        }
    }

    static void kill(Process process) {
        kill(process.toHandle());
    }
}
