package dirt.store;

/**
 * The store's server did not answer at all: connection refused, unknown host, connect timeout, or the connection
 * broke. Retrying later may help; the message says how to start or point at a server.
 */
public final class StoreUnreachableException extends StoreException {
    public StoreUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
