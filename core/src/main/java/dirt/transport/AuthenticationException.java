package dirt.transport;

/** The node's sshd answered but accepted none of our keys. The message names the user, the host and the keys tried. */
public final class AuthenticationException extends NodeUnreachableException {
    public AuthenticationException(String message) {
        super(message);
    }
}
