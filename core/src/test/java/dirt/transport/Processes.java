package dirt.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real commands for tests, each bounded to 30 s: {@code uname -m}, {@code kill -STOP}, {@code java -jar}. */
public final class Processes {
    private Processes() {}

    /** Runs {@code command} and returns its stdout and stderr together; fails if it exits non-zero. */
    public static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 30 s: " + List.of(command));
            }
            String text = new String(output, UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("exit code " + process.exitValue() + " from " + List.of(command) + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@code uname -m} says on this machine, e.g. {@code x86_64}. */
    public static String unameMachine() {
        return run("uname", "-m").strip();
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to {@code pid} with the real {@code kill}. */
    public static void signal(long pid, String signal) {
        run("kill", "-" + signal, Long.toString(pid));
    }

    /**
     * Stops {@code pid} with SIGSTOP and waits (at most 5 s) until it is stopped: the signal takes effect
     * asynchronously, and a test must not send a request the process could still answer.
     */
    public static void stop(long pid) {
        signal(pid, "STOP");
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        await().atMost(Duration.ofSeconds(5)).until(() -> state(stat).equals("T"));
    }

    /** The state letter in /proc/PID/stat, e.g. R, S or T (after the command name in parentheses). */
    private static String state(Path stat) throws IOException {
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
    }

    /** Whether process {@code pid} still runs. */
    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code java args...} with the JDK running the tests. */
    public static String java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }
}
