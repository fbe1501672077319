package dirt.transport;

/** The node answered, but dirt's agent could not be installed or started there (no java 17+, no disk space, ...). */
public final class AgentStartException extends TransportException {
    public AgentStartException(String message) {
        super(message);
    }

    public AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
