package dirt.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The documents of one project's database, as the rest of dirt sees them: JSON objects addressed by {@code _id},
 * updated under {@code _rev}. The CouchDB implementation is {@code dirt.store.couch.CouchStore}.
 */
public interface Store {
    Optional<ObjectNode> get(String id);

    /**
     * Creates or updates a document; an update carries the {@code _rev} it was read at.
     *
     * @return the new {@code _rev}
     * @throws ConflictException when the document changed since it was read (or exists, for a create)
     */
    String put(ObjectNode document);

    /** @throws ConflictException when {@code rev} is no longer the current revision */
    void delete(String id, String rev);

    /** Every document whose {@code _id} starts with {@code prefix}, in {@code _id} order. */
    List<ObjectNode> withIdPrefix(String prefix);
}
