package dirt.transport.ssh;


import dirt.testing.Needed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The OpenSSH programs the fixture runs, and a bounded way to run them. */
final class Programs {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Programs() {
    }

    /** Skips the calling test class (fails it in CI), naming the Debian package, when OpenSSH is not installed. */
    static void assumeInstalled() {
        Needed.tool(Files.isExecutable(SSHD), () -> "OpenSSH server not installed: " + SSHD
                + " is missing — install the package openssh-server (Debian: apt-get install openssh-server)");
        Needed.tool(onPath("ssh-keygen"), () -> "OpenSSH client tools not installed: ssh-keygen is missing —"
                + " install the package openssh-client (Debian: apt-get install openssh-client)");
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} to its end; fails with its output when it fails. */
    static String run(List<String> command) {
        return run(command, Map.of());
    }

    static String run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed with exit code " + process.exitValue() + ": " + command
                        + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** A new key pair at {@code file} (and {@code file.pub}), in OpenSSH format unless {@code extra} says otherwise. */
    static Path keygen(Path file, String type, String passphrase, String... extra) {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", file.getFileName().toString(), "-f", file.toString()));
        command.addAll(List.of(extra));
        run(command);
        return file;
    }

    /** The public half of {@code key}, without its comment: {@code type base64}. */
    static String publicKey(Path key) {
        try {
            String[] words = Files.readString(Path.of(key + ".pub")).trim().split("\\s+");
            return words[0] + " " + words[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
