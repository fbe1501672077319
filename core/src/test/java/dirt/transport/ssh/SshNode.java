package dirt.transport.ssh;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One test node: a real OpenSSH sshd ({@code /usr/sbin/sshd -D -e -f <generated config>}) on a free loopback port,
 * running as the current user, that accepts the farm's user keys. Logins get the node's own {@code $HOME} (a temporary
 * folder, so {@code ~/.cache/dirt} lands there) and environment, set through {@code environment="..."} options in the
 * generated authorized_keys: two nodes on one machine present different facts, as two hosts would.
 */
public final class SshNode {
    public static final String HOST = "127.0.0.1";
    static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    static final int START_ATTEMPTS = 3;

    private final String alias;
    private final Path dir;
    private final Map<String, String> environment;
    private final List<Path> userKeys;
    private int port;
    private boolean everStarted;
    private Process sshd;

    SshNode(String alias, Path dir, Map<String, String> environment, List<Path> userKeys) {
        this.alias = alias;
        this.dir = dir;
        this.port = freePort();
        this.environment = new LinkedHashMap<>();
        this.environment.put("HOME", dir.resolve("home").toString());
        this.environment.putAll(environment);
        this.userKeys = List.copyOf(userKeys);
        try {
            Files.createDirectories(home());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeAuthorizedKeys();
        writeSshdConfig();
        generateHostKey();
    }

    /** The alias of this node in the farm's ssh config (and the name of the node in dirt). */
    public String alias() {
        return alias;
    }

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    public synchronized int port() {
        return port;
    }

    /** The login user: the user running the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    /** The node's {@code $HOME}: where {@code ~/.cache/dirt} is on this node. */
    public Path home() {
        return dir.resolve("home");
    }

    /**
     * Sets variables of the environment that the next logins get, all at once, as an administrator changing a machine
     * would; logins already open keep theirs.
     */
    public synchronized void setEnvironment(Map<String, String> variables) {
        environment.putAll(variables);
        writeAuthorizedKeys();
    }

    private void writeAuthorizedKeys() {
        try {
            Files.writeString(dir.resolve("authorized_keys"), authorizedKeys(userKeys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment logins get: {@code HOME} and the node's own variables. */
    public synchronized Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** The sshd's log ({@code -e}, LogLevel VERBOSE), for failure messages. */
    public Path log() {
        return dir.resolve("sshd.log");
    }

    /** The known_hosts line for the node's current host key: {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}. */
    public String knownHostsLine() {
        return "[" + HOST + "]:" + port + " " + Programs.publicKey(hostKey());
    }

    /** The SHA-256 fingerprint of the node's current host key, as OpenSSH prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        byte[] blob = Base64.getDecoder().decode(Programs.publicKey(hostKey()).split(" ")[1]);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An ssh config {@code Host} block that reaches this node under {@code alias} with {@code identity}, checking host
     * keys against {@code knownHosts}; {@code IdentitiesOnly yes}, so no ssh-agent key gets in the way.
     */
    public String configBlock(String alias, Path identity, Path knownHosts) {
        return "Host " + alias + "\n"
                + "  HostName " + HOST + "\n"
                + "  Port " + port + "\n"
                + "  User " + user() + "\n"
                + "  IdentityFile " + identity + "\n"
                + "  UserKnownHostsFile " + knownHosts + "\n"
                + "  IdentitiesOnly yes\n";
    }

    public synchronized boolean running() {
        return sshd != null && sshd.isAlive();
    }

    /**
     * Starts sshd and waits (bounded) until it listens. On the first start only, a port taken by someone else in the
     * meantime is replaced by another free one.
     */
    public synchronized void start() {
        if (running()) {
            return;
        }
        for (int attempt = 1;; attempt++) {
            long logOffset = logSize();
            Process started = launch();
            await("sshd of " + alias + " listening on port " + port).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !started.isAlive() || logSince(logOffset).contains("Server listening on "));
            if (started.isAlive()) {
                sshd = started;
                everStarted = true;
                return;
            }
            String log = logSince(logOffset);
            if (everStarted || attempt == START_ATTEMPTS || !log.contains("Address already in use")) {
                throw new IllegalStateException("sshd for " + alias + " exited with " + started.exitValue() + ": "
                        + log);
            }
            port = freePort();
            writeSshdConfig();
        }
    }

    private Process launch() {
        try {
            return new ProcessBuilder(Programs.SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd for " + alias, e);
        }
    }

    /** Stops sshd and everything it runs (sessions, agents), as if the host went down. */
    public synchronized void stop() {
        if (sshd == null) {
            return;
        }
        Process stopping = sshd;
        sshd = null;
        List<ProcessHandle> children = stopping.descendants().collect(Collectors.toList());
        stopping.destroy();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!stopping.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(child -> child.onExit().completeOnTimeout(child, STOP_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS).join());
        stopProcessesUsing(dir);
    }

    /**
     * Stops the processes of this user whose command line names {@code folder}: agents whose session ended without
     * ending them are no longer below sshd, but they still run a jar from the node's home.
     */
    static void stopProcessesUsing(Path folder) {
        String name = folder + File.separator;
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(line -> line.contains(name)).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().completeOnTimeout(p, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
                });
    }

    /** A new host key (the old one is gone) and a restarted sshd; known_hosts files still hold the old key. */
    public synchronized void regenerateHostKey() {
        boolean wasRunning = running();
        stop();
        generateHostKey();
        if (wasRunning) {
            start();
        }
    }

    /** The commands of the processes sshd runs now (its sessions and what they started), e.g. to find leftovers. */
    public synchronized List<String> processes() {
        if (sshd == null) {
            return List.of();
        }
        List<String> commands = new ArrayList<>();
        sshd.descendants().filter(ProcessHandle::isAlive)
                .forEach(p -> commands.add(p.info().commandLine().or(() -> p.info().command()).orElse("?")));
        return commands;
    }

    private void generateHostKey() {
        try {
            Files.deleteIfExists(hostKey());
            Files.deleteIfExists(Path.of(hostKey() + ".pub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Programs.keygen(hostKey(), "ed25519", "");
    }

    private Path hostKey() {
        return dir.resolve("ssh_host_ed25519_key");
    }

    private String authorizedKeys(List<Path> userKeys) {
        String options = environment.entrySet().stream()
                .map(entry -> "environment=\"" + entry.getKey() + "=" + entry.getValue() + "\"")
                .collect(Collectors.joining(","));
        return userKeys.stream().map(key -> options + " " + Programs.publicKey(key) + "\n")
                .collect(Collectors.joining());
    }

    private String sshdConfig() {
        return "ListenAddress " + HOST + ":" + port + "\n"
                + "HostKey " + hostKey() + "\n"
                + "PidFile " + dir.resolve("sshd.pid") + "\n"
                + "AuthorizedKeysFile " + dir.resolve("authorized_keys") + "\n"
                + "UsePAM no\n"
                + "StrictModes no\n"
                + "PermitRootLogin prohibit-password\n"
                + "PubkeyAuthentication yes\n"
                + "PasswordAuthentication no\n"
                + "KbdInteractiveAuthentication no\n"
                + "PermitUserEnvironment yes\n"
                + "UseDNS no\n"
                + "PrintMotd no\n"
                + "PrintLastLog no\n"
                + "X11Forwarding no\n"
                + "AllowTcpForwarding no\n"
                + "LogLevel VERBOSE\n";
    }

    private void writeSshdConfig() {
        try {
            Files.writeString(dir.resolve("sshd_config"), sshdConfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long logSize() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What sshd logged after {@code offset}. */
    private String logSince(long offset) {
        try {
            if (!Files.exists(log())) {
                return "";
            }
            byte[] all = Files.readAllBytes(log());
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log() + ": " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "sshd " + alias + " (" + HOST + ":" + port + ")";
    }
}
