package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a real process ({@code java dirt.agent.Main --serve} on this test's class path) in {@code folder},
 * with this JVM's environment plus {@code extraEnvironment}: for what depends on the agent's own environment.
 * Requests are sent one at a time; {@link #call} waits at most 30 s for the answer.
 */
final class AgentProcess implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final Process process;
    private final OutputStream requests;
    private final BlockingQueue<Map<String, Object>> responses = new LinkedBlockingQueue<>();

    AgentProcess(Path folder, Map<String, String> extraEnvironment) {
        try {
            Files.createDirectories(folder);
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--serve")
                    .directory(folder.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(extraEnvironment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requests = process.getOutputStream();
        Thread reading = new Thread(this::readResponses, "agent-process-read");
        reading.setDaemon(true);
        reading.start();
    }

    private void readResponses() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> response = (Map<String, Object>) JsonReader.parse(line);
                responses.add(response);
            }
        } catch (IOException e) {
            // the agent ended: no more responses
        }
    }

    /** Sends {@code request} (with an {@code id}) and returns the next response. */
    Map<String, Object> call(Map<String, Object> request) {
        try {
            requests.write((JsonWriter.write(request) + "\n").getBytes(UTF_8));
            requests.flush();
            Map<String, Object> response = responses.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (response == null) {
                fail("the agent process did not answer %s within %d s", request, WAIT_SECONDS);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A {@code run} request of the command task {@code t1}, plus the fields given as key, value, .... */
    static Map<String, Object> command(String command, Object... fields) {
        Map<String, Object> request = new java.util.LinkedHashMap<>(Map.of("id", 1, "op", "run", "task_id", "t1",
                "record_id", "r1", "name", "shell", "command", command));
        for (int i = 0; i < fields.length; i += 2) {
            request.put((String) fields[i], fields[i + 1]);
        }
        return request;
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
