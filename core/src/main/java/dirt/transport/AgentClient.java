package dirt.transport;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
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
 *     ObjectNode facts = agent.probe();
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
        ObjectNode response = request(op("hello"));
        List<String> ops = new ArrayList<>();
        response.path("ops").forEach(name -> ops.add(name.asText()));
        return new AgentHello(response.path("agent_version").asText(), response.path("protocol").asInt(),
                response.path("pid").asLong(), response.path("java_version").asText(), ops);
    }

    /** The node's facts ({@code cpu_count}, {@code architecture}, {@code environ}, ...; see PROTOCOL.md). */
    public ObjectNode probe() {
        JsonNode facts = request(op("probe")).get("facts");
        if (facts == null || !facts.isObject()) {
            throw new TransportException(String.format("dirt agent on %s answered probe without \"facts\" — run the"
                    + " same version of dirt everywhere", node));
        }
        return (ObjectNode) facts;
    }

    /** Checks that the agent answers. */
    public void ping() {
        request(op("ping"));
    }

    /** Sends {@code request} ({@code {"op": ...}}; the id is set here) and waits for its ok response. */
    public ObjectNode request(ObjectNode request) {
        return request(request, timeout);
    }

    /**
     * Sends {@code request} and waits at most {@code timeout} for its ok response (the whole response object).
     *
     * @throws TransportException on an error response, a timeout, or when the agent stopped
     */
    public ObjectNode request(ObjectNode request, Duration timeout) {
        CompletableFuture<ObjectNode> future = requestAsync(request, timeout);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new TransportException(String.format("interrupted while waiting for the dirt agent on %s: op=\"%s\"",
                    node, request.path("op").asText()), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new TransportException(cause.getMessage(), cause);
        }
    }

    /** Sends {@code request} with the default timeout; see {@link #requestAsync(ObjectNode, Duration)}. */
    public CompletableFuture<ObjectNode> requestAsync(ObjectNode request) {
        return requestAsync(request, timeout);
    }

    /**
     * Sends {@code request} ({@code {"op": ...}}; any {@code "id"} is replaced) without waiting. The future completes
     * with the ok response, or fails with a {@link TransportException} on an error response, after {@code timeout},
     * or as soon as the agent stops.
     *
     * @throws IllegalArgumentException when {@code request} has no {@code "op"}
     */
    public CompletableFuture<ObjectNode> requestAsync(ObjectNode request, Duration timeout) {
        requireNonNull(request, "request is null");
        String op = request.path("op").asText();
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

    private static ObjectNode op(String name) {
        return AgentConnection.JSON.createObjectNode().put("op", name);
    }

    private static Duration positive(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return timeout;
    }
}
