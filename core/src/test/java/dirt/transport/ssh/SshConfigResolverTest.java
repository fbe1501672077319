package dirt.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.config.SshSettings;
import dirt.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying the OpenSSH client config to an alias, without any network. */
class SshConfigResolverTest {
    @TempDir
    Path dir;

    private LocalUser local;

    @BeforeEach
    void setUp() throws IOException {
        local = new LocalUser("me", Files.createDirectories(dir.resolve("home")), Optional.empty());
    }

    private SshSettings settings(String config) throws IOException {
        return settings(config, true);
    }

    private SshSettings settings(String config, boolean strict) throws IOException {
        return new SshSettings(Files.writeString(dir.resolve("config"), config), dir.resolve("settings_known_hosts"),
                List.of(), false, Duration.ofSeconds(10), strict, "~/.cache/dirt");
    }

    private SshTarget resolve(String alias, String config) throws IOException {
        return SshConfigResolver.resolve(alias, settings(config), HostKeyPolicy.VERIFY, local);
    }

    @Test
    void alias_takes_host_name_port_user_identity_and_known_hosts_from_the_config() throws IOException {
        SshTarget target = resolve("build7", """
                Host build7
                  HostName 10.0.0.7
                  Port 2222
                  User ci
                  IdentityFile /keys/ci_ed25519
                  UserKnownHostsFile /etc/farm/known_hosts
                """);

        assertThat(target).isEqualTo(new SshTarget("build7", "10.0.0.7", 2222, "ci", List.of(Path.of(
                "/keys/ci_ed25519")), List.of(Path.of("/etc/farm/known_hosts")), false, false, false));
    }

    @Test
    void host_patterns_and_first_value_wins_as_in_openssh() throws IOException {
        SshTarget target = resolve("build7", """
                Host build*
                  User farm
                  Port 2200
                Host *
                  User nobody
                  Port 22
                  IdentityFile /keys/everyone
                """);

        assertThat(target.user()).isEqualTo("farm");
        assertThat(target.port()).isEqualTo(2200);
        assertThat(target.identityFiles()).containsExactly(Path.of("/keys/everyone"));
    }

    @Test
    void unknown_alias_is_a_host_name_with_port_22_and_the_local_user() throws IOException {
        SshTarget target = resolve("build7.example.org", "Host other\n  HostName 10.0.0.1\n");

        assertThat(target.host()).isEqualTo("build7.example.org");
        assertThat(target.port()).isEqualTo(22);
        assertThat(target.user()).isEqualTo("me");
        assertThat(target.knownHosts()).containsExactly(dir.resolve("settings_known_hosts"));
    }

    @Test
    void missing_config_file_means_no_aliases() {
        SshSettings settings = new SshSettings(dir.resolve("no-such-config"), dir.resolve("kh"), List.of(), false,
                Duration.ofSeconds(10), true, "~/.cache/dirt");

        SshTarget target = SshConfigResolver.resolve("build7", settings, HostKeyPolicy.VERIFY, local);

        assertThat(target.host()).isEqualTo("build7");
        assertThat(target.port()).isEqualTo(22);
    }

    @Test
    void default_keys_are_offered_only_when_none_is_configured() throws IOException {
        Files.createDirectories(local.home().resolve(".ssh"));
        Files.writeString(local.home().resolve(".ssh/id_rsa"), "key");
        Files.writeString(local.home().resolve(".ssh/id_ed25519"), "key");

        assertThat(resolve("a", "").identityFiles()).containsExactly(local.home().resolve(".ssh/id_ed25519"),
                local.home().resolve(".ssh/id_rsa"));
        assertThat(resolve("a", "Host a\n  IdentityFile /keys/a\n").identityFiles())
                .containsExactly(Path.of("/keys/a"));
    }

    @Test
    void identities_from_the_settings_come_after_those_of_the_config() throws IOException {
        SshSettings settings = new SshSettings(Files.writeString(dir.resolve("config"), "Host a\n  IdentityFile /k/a\n"),
                dir.resolve("kh"), List.of(Path.of("/k/settings")), false, Duration.ofSeconds(10), true, "~/x");

        assertThat(SshConfigResolver.resolve("a", settings, HostKeyPolicy.VERIFY, local).identityFiles())
                .containsExactly(Path.of("/k/a"), Path.of("/k/settings"));
    }

    @Test
    void tilde_and_percent_tokens_are_expanded_in_file_names() throws IOException {
        SshTarget target = resolve("build7", """
                Host build7
                  HostName %h.example.org
                  User ci
                  IdentityFile ~/.ssh/%r@%n
                  IdentityFile "%d/keys/%u %%"
                  UserKnownHostsFile ~/.ssh/known_hosts_%p ~/.ssh/known_hosts2
                """);

        assertThat(target.host()).isEqualTo("build7.example.org");
        assertThat(target.identityFiles()).containsExactly(local.home().resolve(".ssh/ci@build7"),
                local.home().resolve("keys/me %"));
        assertThat(target.knownHosts()).containsExactly(local.home().resolve(".ssh/known_hosts_22"),
                local.home().resolve(".ssh/known_hosts2"));
    }

    @Test
    void unknown_host_keys_are_refused_by_default() throws IOException {
        assertThat(resolve("a", "").acceptUnknownHostKeys()).isFalse();
    }

    @Test
    void strict_host_key_checking_no_or_accept_new_in_the_config_accepts_unknown_keys() throws IOException {
        assertThat(resolve("a", "Host a\n  StrictHostKeyChecking no\n").acceptUnknownHostKeys()).isTrue();
        assertThat(resolve("a", "Host a\n  StrictHostKeyChecking accept-new\n").acceptUnknownHostKeys()).isTrue();
        assertThat(resolve("a", "Host a\n  StrictHostKeyChecking ask\n").acceptUnknownHostKeys()).isFalse();
    }

    @Test
    void relaxed_settings_accept_unknown_keys_unless_the_host_config_says_yes() throws IOException {
        assertThat(SshConfigResolver.resolve("a", settings("", false), HostKeyPolicy.VERIFY, local)
                .acceptUnknownHostKeys()).isTrue();
        assertThat(SshConfigResolver.resolve("a", settings("Host a\n  StrictHostKeyChecking yes\n", false),
                HostKeyPolicy.VERIFY, local).acceptUnknownHostKeys()).isFalse();
    }

    @Test
    void accept_new_policy_accepts_unknown_keys_whatever_the_config_says() throws IOException {
        SshSettings settings = settings("Host a\n  StrictHostKeyChecking yes\n");

        assertThat(SshConfigResolver.resolve("a", settings, HostKeyPolicy.ACCEPT_NEW, local).acceptUnknownHostKeys())
                .isTrue();
    }

    @Test
    void hash_known_hosts_and_identities_only_are_read() throws IOException {
        SshTarget target = resolve("a", "Host a\n  HashKnownHosts yes\n  IdentitiesOnly yes\n");

        assertThat(target.hashKnownHosts()).isTrue();
        assertThat(target.identitiesOnly()).isTrue();
    }

    @Test
    void invalid_port_is_reported_with_the_config_file() throws IOException {
        assertThatThrownBy(() -> resolve("a", "Host a\n  Port ssh\n")).isInstanceOf(TransportException.class)
                .hasMessage("invalid Port in the ssh config: node=\"a\" port=\"ssh\" path=\"" + dir.resolve("config")
                        + "\" — set a number between 1 and 65535");
    }

    @Test
    void describe_names_alias_address_and_user() throws IOException {
        assertThat(resolve("build7", "Host build7\n  HostName 10.0.0.7\n  User ci\n").describe())
                .isEqualTo("ssh build7 (10.0.0.7:22, user \"ci\")");
    }
}
