package dirt.store;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;

/** One row of a view without its document: the emitting document's {@code id}, the row's {@code key} and {@code value}. */
public record ViewEntry(String id, Json key, Json value) {
    public ViewEntry {
        requireNonNull(id, "id is null");
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
