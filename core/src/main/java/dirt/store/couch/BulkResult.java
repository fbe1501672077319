package dirt.store.couch;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one document in a {@code _bulk_docs} write: either a new {@code rev}, or an {@code error}
 * ({@code "conflict"}, {@code "forbidden"}, ...) with CouchDB's {@code reason}.
 */
public record BulkResult(String id, String rev, String error, String reason) {
    public BulkResult {
        if (rev == null && error == null) {
            throw new IllegalArgumentException("a bulk result has either a rev or an error: id=" + id);
        }
    }

    static BulkResult written(String id, String rev) {
        return new BulkResult(id, requireNonNull(rev, "rev is null"), null, null);
    }

    /** Whether the document was written. */
    public boolean ok() {
        return error == null;
    }

    /** Whether the document was not written because its {@code _rev} was stale. */
    public boolean conflict() {
        return "conflict".equals(error);
    }
}
