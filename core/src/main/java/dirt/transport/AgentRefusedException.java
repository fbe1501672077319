package dirt.transport;

/**
 * The agent answered a request with an error: it is up and the connection is fine, but it would not do what was
 * asked (a malformed or too large request, an unknown op, a file that failed its hash). It fails that request only.
 */
public final class AgentRefusedException extends TransportException {
    public AgentRefusedException(String message) {
        super(message);
    }
}
