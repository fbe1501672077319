package dirt.store.couch;

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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One Apache CouchDB single node started by this JVM from a release folder (what {@code ../shared/couchdb/install}
 * makes): its configuration and data in a temporary folder, on {@code 127.0.0.1:PORT} where PORT and PORT+2 (the
 * node-local port) were free, with an admin {@code admin} whose password is random. Configured exactly as
 * {@code ../shared/couchdb/run} configures an instance, so the tests need nothing of that folder at run time. Stopped
 * with SIGTERM when closed or when the JVM ends; its folder is then deleted. A test that needs an outage
 * {@link #stop()}s it and {@link #restart()}s it on the same port with the same data.
 */
final class CouchDbRelease implements AutoCloseable {
    static final String USER = "admin";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;

    private final Path release;
    private final Path dir;
    private final int port;
    private final String password;
    private final Thread shutdownHook;
    private Process process;

    private CouchDbRelease(Path release, Path dir, int port, String password) {
        this.release = release;
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.shutdownHook = new Thread(this::stopAndDelete, "couchdb-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a node from {@code release} and waits until it answers {@code GET /_up}; tries another port when one
     * was taken meanwhile.
     *
     * @throws IllegalStateException naming the release, the port and the end of the node's log when it does not come up
     */
    static CouchDbRelease start(Path release) {
        if (!Files.isExecutable(release.resolve("bin").resolve("couchdb"))) {
            throw new IllegalStateException("not a CouchDB release: bin/couchdb missing in \"" + release
                    + "\" — install one with ../shared/couchdb/install DEST");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return startOnce(release.toAbsolutePath().normalize(), freePortPair());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A client config for this node, as its admin. */
    CouchConfig config() {
        return CouchConfig.of("http://" + HOST + ":" + port).withCredentials(USER, password);
    }

    int port() {
        return port;
    }

    /** Stops the node (SIGTERM, then SIGKILL when it has not ended in 15 s), keeping its data for {@link #restart()}. */
    synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the stopped node again on the same port, with the same data and admin, and waits until it answers. */
    synchronized void restart() {
        stop();
        launch();
    }

    /** Stops the node and deletes its folder. Bounded and idempotent. */
    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) stopAndDelete() itself
        }
    }

    private synchronized void stopAndDelete() {
        stop();
        SharedCouchServer.deleteRecursively(dir);
    }

    private static CouchDbRelease startOnce(Path release, int port) {
        Path dir = createTempDir();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        CouchDbRelease node = new CouchDbRelease(release, dir, port, HexFormat.of().formatHex(secret));
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("views"));
            vmArgs("couchdb-" + port + "@" + HOST).writeIn(dir);
            Files.writeString(dir.resolve("local.ini"), localIni(dir, port, node.password));
            node.launch();
            return node;
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e instanceof IllegalStateException state ? state : new IllegalStateException(
                    "cannot start CouchDB: release=\"" + release + "\" cause=\"" + e + "\"", e);
        }
    }

    private synchronized void launch() {
        ProcessBuilder builder = new ProcessBuilder(release.resolve("bin").resolve("couchdb").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("couchdb.out").toFile()));
        builder.environment().put("COUCHDB_ARGS_FILE", dir.resolve(VmArgs.FILE_NAME).toString());
        builder.environment().put("COUCHDB_INI_FILES",
                release.resolve("etc").resolve("default.ini") + " " + dir.resolve("local.ini"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitUp();
    }

    private void awaitUp() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest up = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/_up"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (http.send(up, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("CouchDB did not come up: release=\"" + release + "\" port=" + port
                + (process.isAlive() ? " (no answer to GET /_up within " + START_TIMEOUT.toSeconds() + " s)"
                : " exit=" + process.exitValue()) + " log=\"" + tail() + "\"");
    }

    private String tail() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("couchdb.out", "couchdb.log")) {
            try {
                text.append(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException e) {
                // nothing written there
            }
        }
        String all = text.toString().strip();
        return all.length() > 2000 ? "…" + all.substring(all.length() - 2000) : all;
    }

    /** The node's Erlang arguments, with the cookie every test node shares. */
    static VmArgs vmArgs(String nodeName) {
        return new VmArgs(nodeName, Optional.of("dirt-test"));
    }

    static String localIni(Path dir, int port, String password) {
        String uuid = UUID.randomUUID().toString().replace("-", "");
        return """
                [couchdb]
                database_dir = %1$s/data
                view_index_dir = %1$s/views
                uuid = %2$s
                single_node = true
                max_document_size = 67108864
                [chttpd]
                port = %3$d
                bind_address = 127.0.0.1
                [httpd]
                port = %4$d
                bind_address = 127.0.0.1
                [chttpd_auth]
                secret = %2$s
                [log]
                writer = file
                file = %1$s/couchdb.log
                level = warning
                [admins]
                %5$s = %6$s
                """.formatted(dir, uuid, port, port + 2, USER, password);
    }

    /** A port P on 127.0.0.1 such that P and P+2 were both free a moment ago. */
    static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int port = first.getLocalPort();
                if (port + 2 <= 65535 && isFree(port + 2)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free pair of loopback ports P and P+2 found in 50 tries");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("dirt-test-couchdb-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "CouchDbRelease[" + HOST + ":" + port + ", dir=" + dir + "]";
    }
}
