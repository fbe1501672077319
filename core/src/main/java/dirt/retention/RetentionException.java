package dirt.retention;

import dirt.DirtException;

/** Pruning cannot go ahead: the user may not delete documents, or the view it reads is missing and cannot be installed. */
public final class RetentionException extends DirtException {
    public RetentionException(String message) {
        super(message);
    }
}
