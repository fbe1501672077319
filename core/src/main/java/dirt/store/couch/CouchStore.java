package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.Store;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Store} over one CouchDB database. */
public final class CouchStore implements Store {
    /** Sorts after every character an id can hold, so that [prefix, prefix + HIGH] spans exactly the prefix. */
    private static final String HIGH = "\ufff0";

    private final CouchDatabase database;

    public CouchStore(CouchDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public Optional<ObjectNode> get(String id) {
        return database.get(id);
    }

    @Override
    public String put(ObjectNode document) {
        return database.put(document).rev();
    }

    @Override
    public void delete(String id, String rev) {
        database.delete(id, rev);
    }

    @Override
    public List<ObjectNode> withIdPrefix(String prefix) {
        var query = ViewQuery.all().startKey(prefix).endKey(prefix + HIGH).includeDocs(true);
        return database.allDocs(query).rows().stream().map(ViewRow::doc).filter(Objects::nonNull).toList();
    }

    @Override
    public String toString() {
        return "CouchStore[" + database + "]";
    }
}
