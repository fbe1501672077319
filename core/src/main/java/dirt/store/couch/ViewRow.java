package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonNull;
import dirt.json.JsonObject;

/**
 * One row of a view or {@code _all_docs}, read straight into dirt's JSON values.
 *
 * @param id    the emitting document's id; {@code null} for reduced rows and rows with an error
 * @param key   the row's key (JSON null when emitted as null)
 * @param value the row's value (JSON null when emitted as null)
 * @param doc   the document with {@code include_docs}, else {@code null}
 * @param error {@code "not_found"} etc. for a requested key that has no row in {@code _all_docs}, else {@code null}
 */
public record ViewRow(String id, Json key, Json value, JsonObject doc, String error) {
    public ViewRow {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }

    static ViewRow from(JsonObject row) {
        return new ViewRow(row.string("id").orElse(null), row.get("key").orElse(JsonNull.NULL),
                row.get("value").orElse(JsonNull.NULL), row.object("doc").orElse(null),
                row.string("error").orElse(null));
    }
}
