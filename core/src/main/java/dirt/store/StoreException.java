package dirt.store;

import dirt.DirtException;

/**
 * The root of every failure talking to the document store: the server cannot be reached, refuses the credentials or
 * a document, lacks the database, reports a conflict, or answers with an error. Callers catch this type (or one of
 * its subtypes) without knowing which client library sits underneath.
 */
public class StoreException extends DirtException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
