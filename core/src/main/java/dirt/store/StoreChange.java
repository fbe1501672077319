package dirt.store;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonObject;
import java.util.Optional;

/**
 * One entry of the store's change history: the document as it is now (absent when deleted), and the position after
 * it as an opaque token to resume from.
 */
public record StoreChange(ChangeToken token, String id, boolean deleted, Optional<JsonObject> document) {
    public StoreChange {
        requireNonNull(token, "token is null");
        requireNonNull(id, "id is null");
        requireNonNull(document, "document is null");
    }
}
