package dirt.transport;

/**
 * How dirt reaches one node: it starts dirt's agent there and hands back the agent's standard input and output, over
 * which {@link AgentClient} speaks the agent's line-delimited JSON protocol. Implementations: {@code ssh} (a remote
 * host, through the OpenSSH client config) and {@code local} (a child process on this machine).
 */
public interface NodeTransport {
    /**
     * Starts the agent on the node, first uploading {@code agent} into the node's cache folder unless a jar with the
     * same hash is there already.
     *
     * @throws NodeUnreachableException when the node cannot be reached or refuses us, with a message that says what to do
     * @throws AgentStartException when the node answers but the agent cannot run there (no java, a full disk, ...)
     */
    AgentChannel start(AgentJar agent);

    /** For messages: what this transport connects to, e.g. {@code ssh build7 (10.0.0.7:22, user "ci")}. */
    String describe();
}
