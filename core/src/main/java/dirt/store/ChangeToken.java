package dirt.store;

import static java.util.Objects.requireNonNull;

/**
 * A position in a store's change history, as JSON text. Opaque: never parse or compare it, only store it and hand it
 * back (CouchDB 2+ uses strings, other servers numbers).
 */
public record ChangeToken(String json) {
    public ChangeToken {
        requireNonNull(json, "json is null");
        if (json.isBlank()) {
            throw new IllegalArgumentException("json is blank");
        }
    }
}
