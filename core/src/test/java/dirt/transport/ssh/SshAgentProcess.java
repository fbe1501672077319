package dirt.transport.ssh;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real {@code ssh-agent -D} on a socket in a test folder, holding the keys a test adds. */
final class SshAgentProcess implements AutoCloseable {
    private final Path socket;
    private final Path dir;
    private final Process process;

    private SshAgentProcess(Path dir, Path socket, Process process) {
        this.dir = dir;
        this.socket = socket;
        this.process = process;
    }

    static SshAgentProcess start(Path dir) {
        Path socket = dir.resolve("agent.sock");
        try {
            Process process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            await("ssh-agent socket").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(socket) || !process.isAlive());
            return new SshAgentProcess(dir, socket, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ssh-agent", e);
        }
    }

    Path socket() {
        return socket;
    }

    /** {@code ssh-add key}, answering the passphrase prompt through SSH_ASKPASS when there is one. */
    void add(Path key, String passphrase) {
        try {
            Path askpass = dir.resolve("askpass.sh");
            Files.writeString(askpass, "#!/bin/sh\necho '" + passphrase + "'\n");
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            Programs.run(List.of("ssh-add", key.toString()), Map.of("SSH_AUTH_SOCK", socket.toString(),
                    "SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
