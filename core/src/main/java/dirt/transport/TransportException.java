package dirt.transport;

import dirt.DirtException;

/** The root of failures reaching a node or running dirt's agent on it. */
public class TransportException extends DirtException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
