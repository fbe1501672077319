package dirt.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Where a follower of the changes feed stopped, kept in a {@code _local} document (never replicated, never in the
 * feed itself) so that a restart resumes there instead of replaying the database, e.g.
 * {@code new Checkpoint(store, "_local/dirt-notify-build7")}.
 */
public final class Checkpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final String id;
    private ChangeToken saved;

    public Checkpoint(Store store, String id) {
        this.store = requireNonNull(store, "store is null");
        this.id = requireNonNull(id, "id is null");
        if (!id.startsWith("_local/")) {
            throw new IllegalArgumentException("a checkpoint lives in a _local document, got id " + id);
        }
    }

    /** The position saved last, or empty when there is none. */
    public Optional<ChangeToken> load() {
        return store.get(id).map(doc -> doc.path("seq")).filter(seq -> !seq.isMissingNode() && !seq.isNull())
                .map(seq -> new ChangeToken(seq.toString()));
    }

    /** Saves {@code token} unless it is the one saved last. */
    public void save(ChangeToken token) {
        requireNonNull(token, "token is null");
        if (token.equals(saved)) {
            return;
        }
        JsonNode seq;
        try {
            seq = JSON.readTree(token.json());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a change token is not JSON: " + token.json(), e);
        }
        store.upsert(id, current -> current.orElseGet(() -> JSON.createObjectNode().put("_id", id)).set("seq", seq));
        saved = token;
    }

    @Override
    public String toString() {
        return "Checkpoint[" + id + "]";
    }
}
