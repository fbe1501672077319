package dirt.transport.ssh;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and how to connect, once the ssh config is applied to an alias.
 *
 * @param alias the name the user typed, e.g. {@code build7}
 * @param host the host name or address to connect to ({@code HostName}, else the alias)
 * @param identityFiles private keys to offer, in order
 * @param knownHosts known_hosts files to read; new keys are appended to the first
 * @param acceptUnknownHostKeys whether an unknown host key is accepted and remembered
 * @param hashKnownHosts whether a remembered key's host name is hashed ({@code HashKnownHosts yes})
 * @param identitiesOnly whether only {@code identityFiles} are offered, not the keys of ssh-agent
 */
record SshTarget(String alias, String host, int port, String user, List<Path> identityFiles, List<Path> knownHosts,
        boolean acceptUnknownHostKeys, boolean hashKnownHosts, boolean identitiesOnly) {
    static final int DEFAULT_PORT = 22;

    SshTarget {
        requireNonNull(alias, "alias is null");
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        identityFiles = List.copyOf(requireNonNull(identityFiles, "identityFiles is null"));
        knownHosts = List.copyOf(requireNonNull(knownHosts, "knownHosts is null"));
        if (alias.isBlank() || host.isBlank() || user.isBlank()) {
            throw new IllegalArgumentException("alias, host and user must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port is not between 1 and 65535: " + port);
        }
        if (knownHosts.isEmpty()) {
            throw new IllegalArgumentException("knownHosts is empty");
        }
    }

    /** How known_hosts and ssh-keygen name this host: {@code host}, or {@code [host]:port} off port 22. */
    String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    /** The key="value" context every message starts with. */
    String context() {
        return "node=\"" + alias + "\" host=\"" + host + "\" port=" + port;
    }

    /** E.g. {@code ssh build7 (10.0.0.7:22, user "ci")}. */
    String describe() {
        return "ssh " + alias + " (" + host + ":" + port + ", user \"" + user + "\")";
    }
}
