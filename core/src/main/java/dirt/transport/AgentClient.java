package dirt.transport;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Speaks dirt's agent protocol ({@code agent-bootstrap/PROTOCOL.md}) over an {@link AgentChannel}: numbers the
 * requests, matches the responses (which may come out of order) to them, and fails each request that gets no answer in
 * its timeout. Thread-safe: any number of threads may have requests under way.
 *
 * <p>When the agent stops or its output ends, every request under way and every later one fails at once with a
 * {@link TransportException} naming the node and quoting the end of the agent's stderr. An error response fails its
 * request with a {@code TransportException} quoting the agent's error.
 *
 * <pre>{@code
 * try (AgentClient agent = AgentClient.connect(transport, AgentJars.locate(cache), AgentClient.DEFAULT_TIMEOUT)) {
 *     JsonObject facts = agent.probe();
 *     agent.ensureFile("tasks-" + sha256 + ".jar", taskJar);
 *     RunOutcome outcome = agent.run(request).get();
 * }
 * }</pre>
 */
public final class AgentClient implements AutoCloseable {
    /** The protocol version this client speaks. */
    public static final int PROTOCOL = 1;
    /** How long a request waits for its answer unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for the agent to answer {@code shutdown}. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    /** The largest file {@link #putFile} ships: in base64 (4/3 of it) it must fit the agent's 64 MiB request line. */
    public static final long MAX_FILE_BYTES = 47L * 1024 * 1024;
    /** How much longer than its timeout {@link #putFile} waits per MiB shipped. */
    public static final Duration PUT_FILE_TIME_PER_MIB = Duration.ofSeconds(1);
    /**
     * How much longer than the task's own timeout {@link #run} waits for the agent's answer: the agent reports the
     * task's timeout itself, then needs time to end the task and send back up to 64 MiB of attachments.
     */
    public static final Duration RUN_TIMEOUT_MARGIN = Duration.ofMinutes(1);

    private final AgentChannel channel;
    private final String node;
    private final Duration timeout;
    private final AgentConnection connection;

    /**
     * Starts speaking to the agent behind {@code channel}, which this client owns from now on.
     *
     * @param node the node for messages, e.g. {@link NodeTransport#describe()}
     * @param timeout how long a request waits for its answer unless told otherwise
     */
    public AgentClient(AgentChannel channel, String node, Duration timeout) {
        this.channel = requireNonNull(channel, "channel is null");
        this.node = requireNonNull(node, "node is null");
        this.timeout = positive(timeout);
        this.connection = new AgentConnection(channel, node);
    }

    /**
     * Starts the agent with {@code transport} and checks with {@code hello} that it runs and speaks this protocol.
     *
     * @param timeout how long a request waits for its answer unless told otherwise; also bounds the start
     * @throws NodeUnreachableException when the node cannot be reached
     * @throws AgentStartException when the agent does not start or does not answer {@code hello} in time, with the
     *     end of its stderr (e.g. {@code java: command not found})
     */
    public static AgentClient connect(NodeTransport transport, AgentJar agent, Duration timeout) {
        AgentClient client = new AgentClient(transport.start(agent), transport.describe(), timeout);
        try {
            AgentHello hello = client.hello();
            if (hello.protocol() != PROTOCOL) {
                throw new AgentStartException(String.format("dirt agent on %s speaks protocol %d, this dirt speaks %d:"
                        + " agent_version=\"%s\" — run the same version of dirt everywhere", transport.describe(),
                        hello.protocol(), PROTOCOL, hello.agentVersion()));
            }
            return client;
        } catch (TransportException e) {
            client.close();
            throw e instanceof AgentStartException ? e : new AgentStartException(e.getMessage(), e);
        }
    }

    /** Who answers: the agent's version, protocol, pid, Java version and ops. */
    public AgentHello hello() {
        JsonObject response = request(op("hello"));
        List<String> ops = response.array("ops").orElse(JsonArray.EMPTY).stream()
                .filter(JsonString.class::isInstance).map(name -> ((JsonString) name).value()).toList();
        return new AgentHello(response.string("agent_version").orElse(""),
                response.number("protocol").map(number -> number.value().intValue()).orElse(0),
                response.number("pid").map(number -> number.value().longValue()).orElse(0L),
                response.string("java_version").orElse(""), ops);
    }

    /**
     * The node's facts ({@code cpu_count}, {@code architecture}, {@code environ}, ...; see PROTOCOL.md), with the
     * values of the agent's default list of environment variables; the other variables' values are {@code null}.
     */
    public JsonObject probe() {
        return probe(op("probe"));
    }

    /**
     * The node's facts, {@code environ} showing the values of the variables {@code environValues} names only ({@code
     * [nodes] environ_values}); the others' values are {@code null}, their names kept.
     */
    public JsonObject probe(List<String> environValues) {
        requireNonNull(environValues, "environValues is null");
        return probe(op("probe").with("environ_values", JsonArray.ofStrings(environValues)));
    }

    private JsonObject probe(JsonObject request) {
        return request(request).object("facts").orElseThrow(() -> new TransportException(String.format(
                "dirt agent on %s answered probe without \"facts\" — run the same version of dirt everywhere", node)));
    }

    /**
     * The node's resources now: {@code load} (1-minute load average), {@code mem_total}, {@code mem_available},
     * {@code disk_free} and {@code disk_total} of {@code work_dir}, the agent's work folder (bytes; a figure the node
     * does not have is left out).
     */
    public JsonObject sample() {
        return request(op("sample"));
    }

    /** Checks that the agent answers. */
    public void ping() {
        request(op("ping"));
    }

    /** Whether the node's cache folder holds the file {@code name}, e.g. {@code tasks-<sha256>.jar}. */
    public boolean hasFile(String name) {
        return request(op("has_file").with("name", requireNonNull(name, "name is null"))).bool("present")
                .orElse(false);
    }

    /**
     * Ships {@code file} into the node's cache folder as {@code name}; the agent checks its sha-256 and stores it
     * atomically, replacing a file of that name.
     *
     * @throws TransportException when the file cannot be read or is larger than {@link #MAX_FILE_BYTES}, or the agent
     *     refuses it (a bad name, a damaged transfer)
     */
    public void putFile(String name, Path file) {
        requireNonNull(name, "name is null");
        byte[] data = read(file);
        JsonObject request = op("put_file").toBuilder().put("name", name).put("sha256", AgentJars.sha256(data))
                .put("data", Base64.getEncoder().encodeToString(data)).build();
        long mib = data.length / (1024 * 1024);
        request(request, timeout.plus(PUT_FILE_TIME_PER_MIB.multipliedBy(mib)));
    }

    /**
     * Ships {@code file} as {@code name} unless the node's cache folder has it: for content-addressed names such as
     * {@code tasks-<sha256>.jar}, which change whenever the content does.
     *
     * @return whether it shipped the file
     */
    public boolean ensureFile(String name, Path file) {
        if (hasFile(name)) {
            return false;
        }
        putFile(name, file);
        return true;
    }

    /**
     * Runs a task on the node without waiting. The future completes with the outcome when the task ends, whether it
     * succeeded or failed (see {@link RunOutcome#success()}), and fails with a {@link TransportException} when the
     * agent refuses the request (e.g. the jar was not shipped), stops, or does not answer within the task's timeout
     * plus {@link #RUN_TIMEOUT_MARGIN}. When the future fails or is cancelled while the agent still answers, the run is
     * cancelled on the node.
     */
    public CompletableFuture<RunOutcome> run(RunRequest request) {
        requireNonNull(request, "request is null");
        CompletableFuture<JsonObject> response = requestAsync(request.toJson(),
                request.timeout().plus(RUN_TIMEOUT_MARGIN));
        CompletableFuture<RunOutcome> outcome = response.thenApply(json -> RunOutcome.fromJson(json, node));
        outcome.whenComplete((done, failure) -> {
            if (failure != null) {
                response.cancel(false);
                if (isOpen()) {
                    requestAsync(op("cancel").with("task_id", request.taskId()));
                }
            }
        });
        return outcome;
    }

    /**
     * Cancels the runs of task {@code taskId} on the node: each ends (a command with its whole process tree) and
     * answers its {@link #run} with {@code success} false and {@code cancelled} true.
     *
     * @return whether such a run was under way
     */
    public boolean cancel(String taskId) {
        return request(op("cancel").with("task_id", requireNonNull(taskId, "taskId is null"))).bool("cancelled")
                .orElse(false);
    }

    /** Sends {@code request} ({@code {"op": ...}}; the id is set here) and waits for its ok response. */
    public JsonObject request(JsonObject request) {
        return request(request, timeout);
    }

    /**
     * Sends {@code request} and waits at most {@code timeout} for its ok response (the whole response object).
     *
     * @throws TransportException on an error response, a timeout, or when the agent stopped
     */
    public JsonObject request(JsonObject request, Duration timeout) {
        CompletableFuture<JsonObject> future = requestAsync(request, timeout);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new TransportException(String.format("interrupted while waiting for the dirt agent on %s: op=\"%s\"",
                    node, request.string("op").orElse("")), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AgentRefusedException refused) {
                throw new AgentRefusedException(refused.getMessage());
            }
            throw new TransportException(cause.getMessage(), cause);
        }
    }

    /** Sends {@code request} with the default timeout; see {@link #requestAsync(JsonObject, Duration)}. */
    public CompletableFuture<JsonObject> requestAsync(JsonObject request) {
        return requestAsync(request, timeout);
    }

    /**
     * Sends {@code request} ({@code {"op": ...}}; any {@code "id"} is replaced) without waiting. The future completes
     * with the ok response, or fails with a {@link TransportException} on an error response, after {@code timeout},
     * or as soon as the agent stops.
     *
     * @throws IllegalArgumentException when {@code request} has no {@code "op"}
     */
    public CompletableFuture<JsonObject> requestAsync(JsonObject request, Duration timeout) {
        requireNonNull(request, "request is null");
        String op = request.string("op").orElse("");
        if (op.isEmpty()) {
            throw new IllegalArgumentException("request has no \"op\": " + request);
        }
        if (connection.isClosing()) {
            return CompletableFuture.failedFuture(new TransportException(String.format(
                    "the connection to the dirt agent on %s is closed: op=\"%s\" — connect again", node, op)));
        }
        return connection.send(request, positive(timeout));
    }

    /** Whether the agent can still answer: it has not stopped and this client is not closed. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Whether starting the agent uploaded its jar (see {@link AgentChannel#uploadedAgent()}). */
    public boolean uploadedAgent() {
        return channel.uploadedAgent();
    }

    /** The node for messages, e.g. {@code local}. */
    public String node() {
        return node;
    }

    /**
     * Asks the agent to shut down (waiting at most {@link #CLOSE_TIMEOUT} for its answer), then closes the channel,
     * which ends the agent if it still runs. Requests still under way fail. Idempotent.
     */
    @Override
    public void close() {
        connection.close(CLOSE_TIMEOUT);
    }

    private byte[] read(Path file) {
        requireNonNull(file, "file is null");
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new TransportException(String.format("cannot ship file=\"%s\" to %s: it has %d bytes, more"
                        + " than the %d the agent accepts — make it smaller (e.g. ship its lib jars separately)",
                        file, node, size, MAX_FILE_BYTES));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TransportException(String.format("cannot ship file=\"%s\" to %s: %s — check that it exists"
                    + " and is readable", file, node, e), e);
        }
    }

    private static JsonObject op(String name) {
        return JsonObject.builder().put("op", name).build();
    }

    private static Duration positive(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return timeout;
    }
}
