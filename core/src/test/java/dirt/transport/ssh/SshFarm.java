package dirt.transport.ssh;

import dirt.config.SshSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A farm of test nodes for a test class: one real OpenSSH sshd per node on a free loopback port (see {@link SshNode}),
 * shared user keys, an ssh config with a {@code Host} alias per node and a known_hosts file holding every node's key.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SshFarm farm = SshFarm.builder()
 *         .node("node-a", Map.of("G4INSTALL", "/opt/geant4"))
 *         .node("node-b")
 *         .build();
 *
 * // farm.sshConfig(), farm.knownHosts(), farm.settings(): e.g. DIRT_SSH_CONFIG or --ssh-config for the CLI
 * }</pre>
 *
 * As an extension it starts before the class's first test and stops after its last; without JUnit, call
 * {@link #start()} and {@link #close()}. When OpenSSH is not installed, starting aborts the tests with an assumption
 * that names the package (openssh-server). Everything lives in one temporary folder, deleted on close, and every
 * process the farm started is stopped.
 */
public final class SshFarm implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** The connect timeout of {@link #settings()}. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The passphrase of {@link #encryptedKey()}. */
    public static final String PASSPHRASE = "correct horse";

    private final Map<String, Map<String, String>> specs;
    private final Map<String, SshNode> nodes = new LinkedHashMap<>();
    private Path dir;

    private SshFarm(Map<String, Map<String, String>> specs) {
        this.specs = specs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Which nodes to run, each with the environment its logins get (besides its own {@code HOME}). */
    public static final class Builder {
        private final Map<String, Map<String, String>> specs = new LinkedHashMap<>();

        public Builder node(String alias) {
            return node(alias, Map.of());
        }

        public Builder node(String alias, Map<String, String> environment) {
            if (specs.putIfAbsent(alias, Map.copyOf(environment)) != null) {
                throw new IllegalArgumentException("node already added: " + alias);
            }
            return this;
        }

        public SshFarm build() {
            if (specs.isEmpty()) {
                throw new IllegalStateException("a farm needs at least one node");
            }
            return new SshFarm(new LinkedHashMap<>(specs));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Generates keys and configs and starts every node's sshd. */
    public synchronized SshFarm start() {
        if (dir != null) {
            return this;
        }
        Programs.assumeInstalled();
        ensurePrivilegeSeparationDirectory();
        try {
            dir = Files.createTempDirectory("dirt-sshd-");
            Files.createDirectories(dir.resolve("keys"));
            generateUserKeys();
            for (Map.Entry<String, Map<String, String>> spec : specs.entrySet()) {
                Path nodeDir = Files.createDirectories(dir.resolve("nodes").resolve(spec.getKey()));
                nodes.put(spec.getKey(), new SshNode(spec.getKey(), nodeDir, spec.getValue(), authorizedKeys()));
            }
            nodes.values().forEach(SshNode::start);
            writeKnownHosts();
            Files.writeString(sshConfig(), nodes.values().stream()
                    .map(node -> node.configBlock(node.alias(), ed25519Key(), knownHosts()))
                    .collect(Collectors.joining("\n")));
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Stops every node and deletes the farm's folder. */
    @Override
    public synchronized void close() {
        nodes.values().forEach(SshNode::stop);
        nodes.clear();
        if (dir != null) {
            SshNode.stopProcessesUsing(dir);
            deleteRecursively(dir);
            dir = null;
        }
    }

    public SshNode node(String alias) {
        SshNode node = nodes.get(alias);
        if (node == null) {
            throw new IllegalArgumentException("no node " + alias + " in this farm: " + nodes.keySet());
        }
        return node;
    }

    public List<SshNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The farm's folder; tests may put their own files there. */
    public Path dir() {
        return dir;
    }

    /** An ssh config with a {@code Host} block per node: HostName, Port, User, IdentityFile (ed25519), known_hosts. */
    public Path sshConfig() {
        return dir.resolve("ssh_config");
    }

    /** known_hosts with the current key of every node. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** Rewrites {@link #knownHosts()} from the nodes' current host keys (after {@link SshNode#regenerateHostKey()}). */
    public void writeKnownHosts() {
        try {
            Files.writeString(knownHosts(), nodes.values().stream().map(node -> node.knownHostsLine() + "\n")
                    .collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings for {@link #sshConfig()} and {@link #knownHosts()}: no extra identities, no ssh-agent, strict checks. */
    public SshSettings settings() {
        return new SshSettings(sshConfig(), knownHosts(), List.of(), false, CONNECT_TIMEOUT, true,
                SshSettings.DEFAULT_REMOTE_CACHE);
    }

    /** An ed25519 key in OpenSSH format, authorized on every node (the one the ssh config uses). */
    public Path ed25519Key() {
        return dir.resolve("keys").resolve("id_ed25519");
    }

    /** An RSA key in OpenSSH format, authorized on every node. */
    public Path rsaKey() {
        return dir.resolve("keys").resolve("id_rsa");
    }

    /** An RSA key in PEM format ({@code BEGIN RSA PRIVATE KEY}), authorized on every node. */
    public Path pemRsaKey() {
        return dir.resolve("keys").resolve("id_rsa_pem");
    }

    /** An ECDSA (nistp256) key, authorized on every node. */
    public Path ecdsaKey() {
        return dir.resolve("keys").resolve("id_ecdsa");
    }

    /** An ed25519 key with the passphrase {@value #PASSPHRASE}, authorized on every node. */
    public Path encryptedKey() {
        return dir.resolve("keys").resolve("id_ed25519_encrypted");
    }

    /** An ed25519 key that no node accepts. */
    public Path strangerKey() {
        return dir.resolve("keys").resolve("id_stranger");
    }

    private List<Path> authorizedKeys() {
        return List.of(ed25519Key(), rsaKey(), pemRsaKey(), ecdsaKey(), encryptedKey());
    }

    private void generateUserKeys() {
        Programs.keygen(ed25519Key(), "ed25519", "");
        Programs.keygen(rsaKey(), "rsa", "", "-b", "2048");
        Programs.keygen(pemRsaKey(), "rsa", "", "-b", "2048", "-m", "PEM");
        Programs.keygen(ecdsaKey(), "ecdsa", "", "-b", "256");
        Programs.keygen(encryptedKey(), "ed25519", PASSPHRASE);
        Programs.keygen(strangerKey(), "ed25519", "");
    }

    /** Debian's sshd, run as root, wants its privilege separation folder, which only a booted system creates. */
    private static void ensurePrivilegeSeparationDirectory() {
        Path privsep = Path.of("/run/sshd");
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(privsep)) {
            try {
                Files.createDirectories(privsep);
            } catch (IOException e) {
                throw new UncheckedIOException("sshd needs " + privsep + " and it cannot be created", e);
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // best effort: a temporary folder left behind is harmless
        }
    }
}
