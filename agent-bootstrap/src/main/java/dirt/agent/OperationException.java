package dirt.agent;

/** A request the agent cannot carry out; the message becomes the error response's {@code "error"}. */
final class OperationException extends RuntimeException {
    OperationException(String message) {
        super(message);
    }
}
