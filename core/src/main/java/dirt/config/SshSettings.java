package dirt.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code [ssh]}: how {@code serve} and the CLI reach nodes. Local paths have a leading {@code ~/} expanded;
 * {@code config} is overridden by the environment variable {@code DIRT_SSH_CONFIG}. {@code remoteCache} is a folder
 * on the nodes, so it is kept as written (a leading {@code ~/} means the remote user's home).
 */
public record SshSettings(Path config, Path knownHosts, List<Path> identities, boolean useAgent,
        Duration connectTimeout, boolean strictHostKeyChecking, String remoteCache) {
    public static final String DEFAULT_CONFIG = "~/.ssh/config";
    public static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";
    public static final boolean DEFAULT_USE_AGENT = true;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final boolean DEFAULT_STRICT_HOST_KEY_CHECKING = true;
    public static final String DEFAULT_REMOTE_CACHE = "~/.cache/dirt";

    public SshSettings {
        requireNonNull(config, "config is null");
        requireNonNull(knownHosts, "knownHosts is null");
        identities = List.copyOf(requireNonNull(identities, "identities is null"));
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(remoteCache, "remoteCache is null");
        if (remoteCache.isBlank()) {
            throw new IllegalArgumentException("remoteCache is blank");
        }
    }

    /** The defaults, with {@code ~/} expanded to {@code home}. */
    public static SshSettings defaults(Path home) {
        Path unused = Path.of("");
        return new SshSettings(ConfigValues.path(DEFAULT_CONFIG, home, unused),
                ConfigValues.path(DEFAULT_KNOWN_HOSTS, home, unused), List.of(), DEFAULT_USE_AGENT,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_STRICT_HOST_KEY_CHECKING, DEFAULT_REMOTE_CACHE);
    }

    public SshSettings withConfig(Path config) {
        return new SshSettings(config, knownHosts, identities, useAgent, connectTimeout, strictHostKeyChecking,
                remoteCache);
    }
}
