package dirt.store;

import static java.util.Objects.requireNonNull;

/**
 * A position in a store's change history, as JSON text. Opaque: never parse or compare it, only store it and hand it
 * back (CouchDB 2+ uses strings, other servers numbers).
 */
public record ChangeToken(String json) {
    /** Before the first change: following from here sees the latest change of every document. */
    public static final ChangeToken BEGINNING = new ChangeToken("\"0\"");

    public ChangeToken {
        requireNonNull(json, "json is null");
        if (json.isBlank()) {
            throw new IllegalArgumentException("json is blank");
        }
    }
}
