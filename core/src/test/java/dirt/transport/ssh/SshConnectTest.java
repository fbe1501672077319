package dirt.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dirt.config.SshSettings;
import dirt.transport.AgentJar;
import dirt.transport.AuthenticationException;
import dirt.transport.HostKeyException;
import dirt.transport.NodeUnreachableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to real sshd nodes: the ssh config, keys, host key checks, and failures that say what to do. */
@Timeout(60)
class SshConnectTest {
    private static final String USER = System.getProperty("user.name");
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @RegisterExtension
    static final SshFarm farm = SshFarm.builder().node("node-a").node("rekeyed").node("flaky").build();

    private static AgentJar agent;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildAgent() {
        agent = EchoAgentJar.build(farm.dir());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** A local user whose home is an empty folder: no default keys, no ssh-agent. */
    private LocalUser localUser() throws IOException {
        return new LocalUser(USER, Files.createDirectories(dir.resolve("home")), Optional.empty());
    }

    private SshTransport transport(String alias, SshSettings settings, HostKeyPolicy policy) throws IOException {
        return new SshTransport(alias, settings, policy, localUser());
    }

    private SshTransport transport(String alias, String config, HostKeyPolicy policy) throws IOException {
        return transport(alias, farm.settings().withConfig(Files.writeString(dir.resolve("ssh_config"), config)),
                policy);
    }

    private static void assertConnects(SshTransport transport) {
        try (AgentSession session = new AgentSession(transport.start(agent))) {
            assertThat(session.ask("ping")).isEqualTo("ping");
        }
    }

    private static String block(String alias, String host, int port, String... lines) {
        return "Host " + alias + "\n  HostName " + host + "\n  Port " + port + "\n  User " + USER + "\n"
                + String.join("", List.of(lines).stream().map(line -> "  " + line + "\n").toList());
    }

    private Path emptyKnownHosts() throws IOException {
        return Files.writeString(dir.resolve("known_hosts"), "");
    }

    // --- the ssh config and keys ----------------------------------------------------------------------------------

    @Test
    void connects_through_an_ssh_config_alias() throws IOException {
        assertConnects(transport("node-a", farm.settings(), HostKeyPolicy.VERIFY));
    }

    @Test
    void authenticates_with_an_ed25519_key() throws IOException {
        SshNode node = farm.node("node-a");
        assertConnects(transport("n", node.configBlock("n", farm.ed25519Key(), farm.knownHosts()), HostKeyPolicy.VERIFY));
    }

    @Test
    void authenticates_with_an_rsa_key_in_openssh_format() throws IOException {
        SshNode node = farm.node("node-a");
        assertConnects(transport("n", node.configBlock("n", farm.rsaKey(), farm.knownHosts()), HostKeyPolicy.VERIFY));
    }

    @Test
    void authenticates_with_an_rsa_key_in_pem_format() throws IOException {
        assertThat(Files.readString(farm.pemRsaKey())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        SshNode node = farm.node("node-a");
        assertConnects(transport("n", node.configBlock("n", farm.pemRsaKey(), farm.knownHosts()),
                HostKeyPolicy.VERIFY));
    }

    @Test
    void authenticates_with_an_ecdsa_key() throws IOException {
        SshNode node = farm.node("node-a");
        assertConnects(transport("n", node.configBlock("n", farm.ecdsaKey(), farm.knownHosts()), HostKeyPolicy.VERIFY));
    }

    @Test
    void identities_from_the_settings_are_offered() throws IOException {
        SshNode node = farm.node("node-a");
        Path config = Files.writeString(dir.resolve("ssh_config"), block("n", node.host(), node.port(),
                "UserKnownHostsFile " + farm.knownHosts()));
        SshSettings settings = new SshSettings(config, farm.knownHosts(), List.of(farm.rsaKey()), false,
                SshFarm.CONNECT_TIMEOUT, true, SshSettings.DEFAULT_REMOTE_CACHE);

        assertConnects(transport("n", settings, HostKeyPolicy.VERIFY));
    }

    @Test
    void keys_of_a_running_ssh_agent_are_used() throws IOException {
        SshNode node = farm.node("node-a");
        Path config = Files.writeString(dir.resolve("ssh_config"), block("n", node.host(), node.port(),
                "UserKnownHostsFile " + farm.knownHosts()));
        SshSettings settings = new SshSettings(config, farm.knownHosts(), List.of(), true, SshFarm.CONNECT_TIMEOUT,
                true, SshSettings.DEFAULT_REMOTE_CACHE);
        try (SshAgentProcess sshAgent = SshAgentProcess.start(Files.createDirectories(dir.resolve("agent")))) {
            sshAgent.add(farm.rsaKey(), "");
            LocalUser local = new LocalUser(USER, localUser().home(), Optional.of(sshAgent.socket()));

            assertConnects(new SshTransport("n", settings, HostKeyPolicy.VERIFY, local));
        }
    }

    @Test
    void encrypted_key_is_used_through_ssh_agent() throws IOException {
        SshNode node = farm.node("node-a");
        Path config = Files.writeString(dir.resolve("ssh_config"), block("n", node.host(), node.port(),
                "UserKnownHostsFile " + farm.knownHosts(), "IdentityFile " + farm.encryptedKey()));
        SshSettings settings = new SshSettings(config, farm.knownHosts(), List.of(), true, SshFarm.CONNECT_TIMEOUT,
                true, SshSettings.DEFAULT_REMOTE_CACHE);
        try (SshAgentProcess sshAgent = SshAgentProcess.start(Files.createDirectories(dir.resolve("agent")))) {
            sshAgent.add(farm.encryptedKey(), SshFarm.PASSPHRASE);
            LocalUser local = new LocalUser(USER, localUser().home(), Optional.of(sshAgent.socket()));

            assertConnects(new SshTransport("n", settings, HostKeyPolicy.VERIFY, local));
        }
    }

    // --- host keys ------------------------------------------------------------------------------------------------

    @Test
    void unknown_host_key_is_refused_with_the_keyscan_hint() throws IOException {
        SshNode node = farm.node("node-a");
        Path knownHosts = emptyKnownHosts();
        SshTransport transport = transport("fresh", node.configBlock("fresh", farm.ed25519Key(), knownHosts),
                HostKeyPolicy.VERIFY);

        HostKeyException e = catchThrowableOfType(HostKeyException.class, () -> transport.start(agent));

        assertThat(e.changed()).isFalse();
        assertThat(e).hasMessage("unknown host key: node=\"fresh\" host=\"127.0.0.1\" port=" + node.port()
                + " key=\"ssh-ed25519 " + node.hostKeyFingerprint() + "\" known_hosts=\"" + knownHosts + "\" — if"
                + " that is the node's key, add it with 'ssh-keyscan -p " + node.port() + " 127.0.0.1 >> " + knownHosts
                + "', or accept it once with 'dirt updatenodes --accept-new-host-keys fresh'");
        assertThat(knownHosts).isEmptyFile();
    }

    @Test
    void accepting_new_host_keys_remembers_the_key_so_the_next_connect_needs_no_flag() throws IOException {
        SshNode node = farm.node("node-a");
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "other.example ssh-ed25519 AAAAC3Nz");
        String config = node.configBlock("fresh", farm.ed25519Key(), knownHosts);

        assertConnects(transport("fresh", config, HostKeyPolicy.ACCEPT_NEW));

        assertThat(knownHosts).hasContent("other.example ssh-ed25519 AAAAC3Nz\n" + node.knownHostsLine() + "\n");
        assertConnects(transport("fresh", config, HostKeyPolicy.VERIFY));
        assertThat(knownHosts).hasContent("other.example ssh-ed25519 AAAAC3Nz\n" + node.knownHostsLine() + "\n");
    }

    @Test
    void accepted_host_key_is_hashed_when_the_config_says_hash_known_hosts() throws IOException {
        SshNode node = farm.node("node-a");
        Path knownHosts = dir.resolve("ssh").resolve("known_hosts");
        String config = node.configBlock("fresh", farm.ed25519Key(), knownHosts) + "  HashKnownHosts yes\n";

        assertConnects(transport("fresh", config, HostKeyPolicy.ACCEPT_NEW));

        String key = node.knownHostsLine().substring(node.knownHostsLine().indexOf(' ') + 1);
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1").endsWith(" " + key + "\n");
        assertThat(Programs.run(List.of("ssh-keygen", "-F", "[127.0.0.1]:" + node.port(), "-f",
                knownHosts.toString()))).contains("Host [127.0.0.1]:" + node.port() + " found");
        assertConnects(transport("fresh", config, HostKeyPolicy.VERIFY));
    }

    @Test
    void strict_host_key_checking_no_in_the_config_accepts_and_remembers_an_unknown_key() throws IOException {
        SshNode node = farm.node("node-a");
        Path knownHosts = emptyKnownHosts();

        assertConnects(transport("fresh", node.configBlock("fresh", farm.ed25519Key(), knownHosts)
                + "  StrictHostKeyChecking no\n", HostKeyPolicy.VERIFY));

        assertThat(knownHosts).hasContent(node.knownHostsLine() + "\n");
    }

    @Test
    void changed_host_key_is_refused_even_when_accepting_new_keys() throws IOException {
        SshNode node = farm.node("rekeyed");
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), node.knownHostsLine() + "\n");
        String before = Files.readString(knownHosts);
        node.regenerateHostKey();
        String config = node.configBlock("rekeyed", farm.ed25519Key(), knownHosts);

        HostKeyException e = catchThrowableOfType(HostKeyException.class,
                () -> transport("rekeyed", config, HostKeyPolicy.ACCEPT_NEW).start(agent));

        assertThat(e.changed()).isTrue();
        assertThat(e).hasMessage("host key changed: node=\"rekeyed\" host=\"127.0.0.1\" port=" + node.port()
                + " key=\"ssh-ed25519 " + node.hostKeyFingerprint() + "\" known_hosts=\"" + knownHosts + "\" —"
                + " possible man-in-the-middle attack, dirt refuses to connect; if the change is expected (the node"
                + " was reinstalled), remove the old key with 'ssh-keygen -R \"[127.0.0.1]:" + node.port() + "\" -f "
                + knownHosts + "' and accept the new one with 'dirt updatenodes --accept-new-host-keys rekeyed'");
        assertThat(knownHosts).hasContent(before);

        Programs.run(List.of("ssh-keygen", "-R", "[127.0.0.1]:" + node.port(), "-f", knownHosts.toString()));
        assertConnects(transport("rekeyed", config, HostKeyPolicy.ACCEPT_NEW));
    }

    // --- unreachable nodes ----------------------------------------------------------------------------------------

    @Test
    void refused_port_fails_fast_with_a_clear_message() throws IOException {
        int port = SshNode.freePort();
        SshTransport transport = transport("down", block("down", "127.0.0.1", port), HostKeyPolicy.VERIFY);

        long started = System.nanoTime();
        assertThatThrownBy(() -> transport.start(agent)).isInstanceOf(NodeUnreachableException.class)
                .hasMessage("node unreachable: node=\"down\" host=\"127.0.0.1\" port=" + port + " cause=\"Connection"
                        + " refused\" — check that the node is up and that sshd listens on port " + port);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MARGIN);
    }

    @Test
    void stopped_node_is_unreachable_until_it_starts_again() throws IOException {
        SshNode node = farm.node("flaky");
        node.stop();
        try {
            assertThatThrownBy(() -> transport("flaky", farm.settings(), HostKeyPolicy.VERIFY).start(agent))
                    .isInstanceOf(NodeUnreachableException.class).hasMessageContaining("cause=\"Connection refused\"");
        } finally {
            node.start();
        }
        assertConnects(transport("flaky", farm.settings(), HostKeyPolicy.VERIFY));
    }

    @Test
    void silent_server_fails_within_the_connect_timeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = silent.getLocalPort();
            Duration timeout = Duration.ofSeconds(1);
            Path config = Files.writeString(dir.resolve("ssh_config"), block("silent", "127.0.0.1", port));
            SshSettings settings = new SshSettings(config, farm.knownHosts(), List.of(), false, timeout, true,
                    SshSettings.DEFAULT_REMOTE_CACHE);
            SshTransport transport = transport("silent", settings, HostKeyPolicy.VERIFY);

            long started = System.nanoTime();
            assertThatThrownBy(() -> transport.start(agent)).isInstanceOf(NodeUnreachableException.class)
                    .hasMessage("node unreachable: node=\"silent\" host=\"127.0.0.1\" port=" + port + " cause=\"timed"
                            + " out after 1s\" — check that the node is up and that sshd answers on port " + port
                            + " (a firewall?), or raise [ssh] connect_timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(timeout, timeout.plus(MARGIN));
        }
    }

    @Test
    void unknown_host_name_fails_fast() throws IOException {
        SshTransport transport = transport("no-such-host.invalid", farm.settings(), HostKeyPolicy.VERIFY);

        long started = System.nanoTime();
        assertThatThrownBy(() -> transport.start(agent)).isInstanceOf(NodeUnreachableException.class)
                .hasMessage("node unreachable: node=\"no-such-host.invalid\" host=\"no-such-host.invalid\" port=22"
                        + " cause=\"unknown host\" — check the host name, or set HostName for \"no-such-host.invalid\""
                        + " in the ssh config");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SshFarm.CONNECT_TIMEOUT.plus(MARGIN));
    }

    // --- authentication -------------------------------------------------------------------------------------------

    @Test
    void authentication_failure_names_the_user_the_host_and_the_keys_tried() throws IOException {
        SshNode node = farm.node("node-a");
        SshTransport transport = transport("stranger", node.configBlock("stranger", farm.strangerKey(),
                farm.knownHosts()), HostKeyPolicy.VERIFY);

        assertThatThrownBy(() -> transport.start(agent)).isInstanceOf(AuthenticationException.class)
                .hasMessage("authentication failed: node=\"stranger\" host=\"127.0.0.1\" port=" + node.port()
                        + " user=\"" + USER + "\" keys=\"" + farm.strangerKey() + "\" agent=\"not used ([ssh]"
                        + " use_agent = false)\" — add your public key to ~/.ssh/authorized_keys of user \"" + USER
                        + "\" on the node (e.g. 'ssh-copy-id -i " + farm.strangerKey() + " -p " + node.port() + " "
                        + USER + "@127.0.0.1'), or set User and IdentityFile for \"stranger\" in the ssh config");
    }

    @Test
    void encrypted_key_without_ssh_agent_fails_with_a_hint() throws IOException {
        SshNode node = farm.node("node-a");
        SshTransport transport = transport("locked", node.configBlock("locked", farm.encryptedKey(),
                farm.knownHosts()), HostKeyPolicy.VERIFY);

        assertThatThrownBy(() -> transport.start(agent)).isInstanceOf(AuthenticationException.class)
                .hasMessage("authentication failed: node=\"locked\" host=\"127.0.0.1\" port=" + node.port()
                        + " user=\"" + USER + "\" keys=\"none\" agent=\"not used ([ssh] use_agent = false)\""
                        + " skipped=\"" + farm.encryptedKey() + " (encrypted: dirt cannot ask for its passphrase)\" —"
                        + " load the key into ssh-agent with 'ssh-add " + farm.encryptedKey() + "' and keep [ssh]"
                        + " use_agent = true (dirt cannot ask for passphrases), or use a key without a passphrase");
    }
}
