package dirt.transport;

import static java.nio.charset.StandardCharsets.UTF_8;

import dirt.json.InvalidJsonException;
import dirt.json.Json;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire under {@link AgentClient}: numbers requests and writes them on a writer thread (so a stalled agent never
 * blocks a caller), reads responses on a reader thread and completes the matching futures, times requests out, and
 * fails every request under way and every later one once the agent is gone.
 */
final class AgentConnection {
    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    /** The id a reply starts with: {@code {"id":12,...}}. */
    private static final Pattern LEADING_ID = Pattern.compile("\\{\\s*\"id\"\\s*:\\s*(\\d{1,18})\\b");

    private final AgentChannel channel;
    private final String node;
    private final int maxReplyChars;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicReference<Gone> gone = new AtomicReference<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ExecutorService writer;
    private final Thread reader;

    private record Pending(String op, CompletableFuture<JsonObject> future) {}

    /** Why the agent cannot answer any more: it stopped ({@code closed} false), or we closed the connection. */
    private record Gone(String cause, String stderr, boolean closed) {}

    AgentConnection(AgentChannel channel, String node) {
        this(channel, node, ReplyLines.MAX_CHARS);
    }

    /** With replies kept whole up to {@code maxReplyChars} (tests use a small limit). */
    AgentConnection(AgentChannel channel, String node, int maxReplyChars) {
        this.channel = channel;
        this.node = node;
        this.maxReplyChars = maxReplyChars;
        this.writer = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "dirt-agent-writer " + node));
        this.reader = daemon(this::readResponses, "dirt-agent-reader " + node);
        reader.start();
    }

    /** Sends {@code request} (which has an {@code "op"}) under a new id; the future fails after {@code timeout}. */
    CompletableFuture<JsonObject> send(JsonObject request, Duration timeout) {
        String op = request.string("op").orElse("");
        long id = ids.incrementAndGet();
        JsonObject.Builder fields = JsonObject.builder().put("id", id);
        request.fields().forEach((field, value) -> {
            if (!field.equals("id")) {
                fields.put(field, value);
            }
        });
        JsonObject line = fields.build();
        CompletableFuture<JsonObject> future = new CompletableFuture<>();
        pending.put(id, new Pending(op, future));
        future.whenComplete((response, failure) -> pending.remove(id));
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() ->
                future.completeExceptionally(new TransportException(String.format("dirt agent on %s did not answer in"
                        + " time: op=\"%s\" id=%d timeout=%s — the node may be overloaded or the connection stalled;"
                        + " try again, or allow more time", node, op, id, format(timeout)))));
        if (gone.get() != null) {
            failAll();
            return future;
        }
        try {
            writer.execute(() -> write(line));
        } catch (RejectedExecutionException e) {
            failAll();
        }
        return future;
    }

    private void write(JsonObject line) {
        try {
            OutputStream out = channel.requests();
            out.write(Json.bytes(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            stopped("cannot send requests: " + e.getMessage());
        }
    }

    private void readResponses() {
        String cause = "the agent's output ended";
        try (InputStreamReader reader = new InputStreamReader(channel.responses(), UTF_8)) {
            ReplyLines in = new ReplyLines(reader, maxReplyChars);
            for (ReplyLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.cut()) {
                    refuseCut(line.text());
                } else {
                    accept(line.text());
                }
            }
        } catch (IOException e) {
            cause = "reading the agent's output failed: " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("reading responses of the dirt agent on {} failed", node, e);
            cause = "reading the agent's output failed: " + e;
        }
        stopped(cause);
    }

    /**
     * Fails the request that a reply too long to keep answered (its id is the first field, as the agent writes it);
     * the other runs on the node go on.
     */
    private void refuseCut(String start) {
        Matcher leading = LEADING_ID.matcher(start);
        Pending request = leading.lookingAt() ? pending.get(Long.parseLong(leading.group(1))) : null;
        if (request == null) {
            LOG.warn("dirt agent on {} wrote a line of more than {} characters, ignored: {}", node,
                    maxReplyChars, abbreviate(start));
            return;
        }
        request.future().completeExceptionally(new AgentRefusedException(String.format(
                "dirt agent on %s answered op=\"%s\" id=%s with more than %d characters, more than serve reads — keep"
                        + " a task's results small (files go in attachments, at most 64 MiB in all)", node,
                request.op(), leading.group(1), maxReplyChars)));
    }

    /** Takes one reply line: {@link Json#parseLarge}, as it may carry up to 64 MiB of attachments in base64. */
    private void accept(String line) {
        JsonObject response;
        try {
            response = Json.parseLarge(line) instanceof JsonObject object ? object : JsonObject.EMPTY;
        } catch (InvalidJsonException e) {
            LOG.warn("dirt agent on {} wrote a line that is not JSON, ignored: {}", node, abbreviate(line));
            return;
        }
        Optional<Long> id = response.number("id").flatMap(AgentConnection::id);
        if (id.isEmpty()) {
            LOG.warn("dirt agent on {} wrote a response to no request of ours, ignored: {}", node, abbreviate(line));
            return;
        }
        Pending request = pending.get(id.get());
        if (request == null) {
            LOG.debug("dirt agent on {} answered request id={} after it timed out, ignored", node, id.get());
        } else if (response.bool("ok").orElse(false)) {
            request.future().complete(response);
        } else {
            request.future().completeExceptionally(new AgentRefusedException(String.format(
                    "dirt agent on %s answered op=\"%s\" id=%d with an error: %s", node, request.op(), id.get(),
                    response.string("error").orElse("(no message)"))));
        }
    }

    /** A request's id: a whole number that fits a {@code long}. */
    private static Optional<Long> id(JsonNumber number) {
        try {
            return Optional.of(number.longValue());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The agent cannot answer any more: fails every request under way, and from now on every new one. */
    private void stopped(String cause) {
        boolean closed = closing.get();
        Gone why = new Gone(cause, closed ? "" : channel.stderrTail(), closed);
        if (gone.compareAndSet(null, why) && !closed) {
            LOG.warn("dirt agent on {} stopped: cause=\"{}\" stderr=\"{}\"", node, cause, oneLine(why.stderr()));
        }
        failAll();
    }

    private void failAll() {
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            entry.getValue().future().completeExceptionally(failure(entry.getValue().op(), entry.getKey()));
        }
    }

    private TransportException failure(String op, long id) {
        Gone why = gone.get();
        if (why == null || why.closed()) {
            return new TransportException(String.format("the connection to the dirt agent on %s was closed: op=\"%s\""
                    + " id=%d — connect again", node, op, id));
        }
        return new TransportException(String.format("dirt agent on %s stopped: op=\"%s\" id=%d cause=\"%s\""
                + " stderr=\"%s\" — the node, its sshd or the network went away, or the agent could not run: check that"
                + " the node is up and that Java 17 or newer runs there",
                node, op, id, why.cause(), oneLine(why.stderr())));
    }

    /** Whether the agent can still answer. */
    boolean isOpen() {
        return gone.get() == null && !closing.get();
    }

    boolean isClosing() {
        return closing.get();
    }

    /**
     * Sends {@code shutdown} (waiting at most {@code timeout} for its answer), then closes the channel and fails
     * whatever is still under way. Idempotent.
     */
    void close(Duration timeout) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (gone.get() == null) {
            try {
                send(JsonObject.builder().put("op", "shutdown").build(), timeout).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.debug("dirt agent on {} did not answer shutdown: {}", node, e.getCause().getMessage());
            }
        }
        writer.shutdownNow();
        channel.close();
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped("closed");
    }

    /** Stderr lines joined with {@code " | "}, at most the last 1000 characters. */
    static String oneLine(String stderr) {
        String joined = String.join(" | ", stderr.strip().lines().map(String::strip).toList());
        return joined.length() <= 1000 ? joined : "..." + joined.substring(joined.length() - 1000);
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /** {@code 5s}, or {@code 300ms} when not whole seconds. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
