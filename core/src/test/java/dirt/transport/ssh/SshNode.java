package dirt.transport.ssh;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

    private final String alias;
    private final Path dir;
    private final Map<String, String> environment;
    private final int port;
    private Process sshd;

    SshNode(String alias, Path dir, Map<String, String> environment, List<Path> userKeys) {
        this.alias = alias;
        this.dir = dir;
        this.port = freePort();
        this.environment = new LinkedHashMap<>();
        this.environment.put("HOME", dir.resolve("home").toString());
        this.environment.putAll(environment);
        try {
            Files.createDirectories(home());
            Files.writeString(dir.resolve("authorized_keys"), authorizedKeys(userKeys));
            Files.writeString(dir.resolve("sshd_config"), sshdConfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    public int port() {
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

    /** The environment logins get: {@code HOME} and the node's own variables. */
    public Map<String, String> environment() {
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

    /** Starts sshd and waits (bounded) until it accepts connections. */
    public synchronized void start() {
        if (running()) {
            return;
        }
        try {
            sshd = new ProcessBuilder(Programs.SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd for " + alias, e);
        }
        Process started = sshd;
        try {
            await("sshd of " + alias + " accepting on port " + port).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20)).until(() -> !started.isAlive() || accepting());
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("sshd for " + alias + " did not start: " + logText(), e);
        }
        if (!started.isAlive()) {
            throw new IllegalStateException("sshd for " + alias + " exited with " + started.exitValue() + ": "
                    + logText());
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

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "(no log)";
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
