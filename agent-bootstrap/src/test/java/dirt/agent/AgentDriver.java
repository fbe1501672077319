package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs an {@link AgentServer} in-process on a thread, its stdin and stdout being pipes: {@link #send} writes request
 * lines, {@link #next} takes the next response (bounded wait), {@link #closeInput} is the end of stdin.
 */
final class AgentDriver implements AutoCloseable {
    private static final long WAIT_SECONDS = 10;

    private final OutputStream requests;
    private final BlockingQueue<Map<String, Object>> responses = new LinkedBlockingQueue<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    AgentDriver(Function<Consumer<String>, AgentServer> factory) {
        try {
            Pipe in = Pipe.open();
            Pipe out = Pipe.open();
            requests = Channels.newOutputStream(in.sink());
            AgentServer server = factory.apply(log::add);
            Thread serving = new Thread(() -> {
                try (OutputStream stdout = Channels.newOutputStream(out.sink())) {
                    exitCode.complete(server.serve(Channels.newInputStream(in.source()), stdout));
                } catch (Throwable e) {
                    exitCode.completeExceptionally(e);
                }
            }, "agent-driver-serve");
            serving.setDaemon(true);
            serving.start();
            Thread reading = new Thread(() -> readResponses(new BufferedReader(
                    new InputStreamReader(Channels.newInputStream(out.source()), UTF_8))), "agent-driver-read");
            reading.setDaemon(true);
            reading.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readResponses(BufferedReader reader) {
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> response = (Map<String, Object>) JsonReader.parse(line);
                responses.add(response);
            }
        } catch (IOException e) {
            // the pipe closed: no more responses
        }
    }

    AgentDriver send(String line) {
        try {
            requests.write((line + "\n").getBytes(UTF_8));
            requests.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next response, waiting at most 10 s for it. */
    Map<String, Object> next() {
        try {
            Map<String, Object> response = responses.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (response == null) {
                fail("no response within %d s; agent log: %s", WAIT_SECONDS, log);
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code line} and returns the next response. */
    Map<String, Object> call(String line) {
        return send(line).next();
    }

    void assertNoMoreResponses() {
        assertThat(responses).isEmpty();
    }

    void closeInput() {
        try {
            requests.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit code of the loop, waiting at most 10 s for it to end. */
    int exitCode() {
        try {
            return exitCode.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the agent loop did not end within " + WAIT_SECONDS + " s; log: " + log, e);
        }
    }

    boolean ended() {
        return exitCode.isDone();
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        closeInput();
    }
}
