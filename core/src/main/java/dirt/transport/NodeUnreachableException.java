package dirt.transport;

/**
 * The node could not be reached or refused us: connection refused or timed out, unknown host, an unknown or changed
 * host key, authentication failed. The message names the host, the cause, and what to do, e.g.
 * {@code node unreachable: host="build7" port=22 cause="Connection refused" — check that sshd runs there}.
 */
public class NodeUnreachableException extends TransportException {
    public NodeUnreachableException(String message) {
        super(message);
    }

    public NodeUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
