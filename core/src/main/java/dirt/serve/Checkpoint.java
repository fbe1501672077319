package dirt.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.ChangeToken;
import dirt.store.ConflictException;
import dirt.store.Store;
import java.util.Optional;

/**
 * Where this server stopped reading the changes feed, in a {@code _local} document (never replicated, never in the
 * feed itself), one per server name, so that a restart resumes there instead of replaying the database.
 */
final class Checkpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final String id;
    private ChangeToken saved;

    Checkpoint(Store store, String serverName) {
        this.store = store;
        this.id = "_local/dirt-serve-" + serverName;
    }

    Optional<ChangeToken> load() {
        return store.get(id).map(doc -> doc.path("seq")).filter(seq -> !seq.isMissingNode() && !seq.isNull())
                .map(seq -> new ChangeToken(seq.toString()));
    }

    /** Saves {@code token} unless it is the one saved last. */
    void save(ChangeToken token) {
        if (token.equals(saved)) {
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            ObjectNode doc = store.get(id).orElseGet(() -> JSON.createObjectNode().put("_id", id));
            try {
                doc.set("seq", JSON.readTree(token.json()));
                store.put(doc);
                saved = token;
                return;
            } catch (ConflictException e) {
                // another writer of the same checkpoint (a second server of the same name): read again
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a change token is not JSON: " + token.json(), e);
            }
        }
    }
}
