package dirt.localcouch;

import dirt.DirtException;

/** Installing, starting or stopping the local pouchdb-server failed; the message says why and what to do. */
public final class LocalCouchException extends DirtException {
    public LocalCouchException(String message) {
        super(message);
    }

    public LocalCouchException(String message, Throwable cause) {
        super(message, cause);
    }
}
