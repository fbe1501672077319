package dirt.transport;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The agent jar to run on nodes, and its sha-256 (hex), which names it in the node's cache folder so that each
 * version is uploaded once.
 */
public record AgentJar(Path path, String sha256) {
    public AgentJar {
        requireNonNull(path, "path is null");
        requireNonNull(sha256, "sha256 is null");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 is not 64 lowercase hex digits: " + sha256);
        }
    }

    /** The file name in a node's cache folder, e.g. {@code dirt-agent-3f2a....jar}. */
    public String cacheName() {
        return "dirt-agent-" + sha256 + ".jar";
    }
}
