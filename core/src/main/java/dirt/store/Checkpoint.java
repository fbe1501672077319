package dirt.store;

import static java.util.Objects.requireNonNull;

import dirt.json.InvalidJsonException;
import dirt.json.Json;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import java.util.Optional;

/**
 * Where a follower of the changes feed stopped, kept in a {@code _local} document (never replicated, never in the
 * feed itself) so that a restart resumes there instead of replaying the database, e.g.
 * {@code new Checkpoint(store, "_local/dirt-notify-build7")}.
 */
public final class Checkpoint {
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
        return store.get(id).flatMap(doc -> doc.get("seq")).filter(seq -> seq != JsonNull.NULL)
                .map(seq -> new ChangeToken(Json.write(seq)));
    }

    /** Saves {@code token} unless it is the one saved last. */
    public void save(ChangeToken token) {
        requireNonNull(token, "token is null");
        if (token.equals(saved)) {
            return;
        }
        Json seq;
        try {
            seq = Json.parse(token.json());
        } catch (InvalidJsonException e) {
            throw new IllegalArgumentException("a change token is not JSON: " + token.json(), e);
        }
        store.upsert(id, current -> current.orElseGet(() -> JsonObject.builder().put("_id", id).build())
                .with("seq", seq));
        saved = token;
    }

    @Override
    public String toString() {
        return "Checkpoint[" + id + "]";
    }
}
