package dirt.store.couch;

import static java.util.Objects.requireNonNull;

/** A document's id and the revision a write produced. */
public record DocRef(String id, String rev) {
    public DocRef {
        requireNonNull(id, "id is null");
        requireNonNull(rev, "rev is null");
    }
}
