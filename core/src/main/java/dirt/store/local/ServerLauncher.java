package dirt.store.local;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds pouchdb-server's command line, spawns it, and waits until it answers. */
final class ServerLauncher {
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
            if (!detached) {
                Path preload = paths.dataDir().resolve(".dirt-exit-with-parent.js");
                Files.writeString(preload, EXIT_WITH_PARENT, StandardCharsets.UTF_8);
                command.addAll(List.of("--require", preload.toString()));
            }
            command.addAll(List.of(script.toString(), "--host", LocalCouch.HOST, "--port", String.valueOf(port),
                    "--config", paths.dataDir().resolve("config.json").toString(), "--no-color"));
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

    /** Waits until the server answers {@code GET /}; kills it and throws when it dies or takes too long. */
    void awaitReady(Process process, int port) {
        new StartupWait("pouchdb-server", CouchConfig.of(url(port).toString()), client -> {
            client.serverInfo();
            return true;
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
