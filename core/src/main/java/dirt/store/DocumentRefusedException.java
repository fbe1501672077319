package dirt.store;

/**
 * The server refused a document it was asked to write, for what the document holds (HTTP 403 {@code forbidden} from
 * the database's {@code validate_doc_update}), not for who wrote it: the credentials were accepted.
 */
public final class DocumentRefusedException extends StoreException {
    private final String reason;

    public DocumentRefusedException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** The reason the server gave, as it gave it. */
    public String reason() {
        return reason;
    }
}
