package dirt.transport.ssh;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/** Who runs dirt on this machine: the default remote user, where {@code ~} points, and the ssh-agent socket if any. */
record LocalUser(String name, Path home, Optional<Path> agentSocket) {
    LocalUser {
        requireNonNull(name, "name is null");
        requireNonNull(home, "home is null");
        requireNonNull(agentSocket, "agentSocket is null");
    }

    static LocalUser current() {
        String socket = System.getenv("SSH_AUTH_SOCK");
        return new LocalUser(System.getProperty("user.name"), Path.of(System.getProperty("user.home")),
                socket == null || socket.isBlank() ? Optional.empty() : Optional.of(Path.of(socket)));
    }

    /** {@code path} with a leading {@code ~/} replaced by the home folder, for messages. */
    String abbreviate(Path path) {
        return path.startsWith(home) && !path.equals(home) ? "~/" + home.relativize(path) : path.toString();
    }
}
