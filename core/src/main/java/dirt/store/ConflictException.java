package dirt.store;

/**
 * A write lost a race: the document changed since the revision the writer read (HTTP 409 in CouchDB terms).
 * The usual reaction is to reload the document, reapply the change and write again, or to give up because
 * someone else did the work (for example claimed the task first).
 */
public final class ConflictException extends StoreException {
    private final String database;
    private final String documentId;

    public ConflictException(String message, String database, String documentId) {
        super(message);
        this.database = database;
        this.documentId = documentId;
    }

    /** The database the write went to. */
    public String database() {
        return database;
    }

    /** The id of the document whose write conflicted, or {@code null} when the server did not say. */
    public String documentId() {
        return documentId;
    }
}
