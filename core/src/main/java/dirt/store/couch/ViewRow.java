package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row of a view or {@code _all_docs}.
 *
 * @param id    the emitting document's id; {@code null} for reduced rows and rows with an error
 * @param key   the row's key (JSON null when emitted as null)
 * @param value the row's value (JSON null when emitted as null)
 * @param doc   the document with {@code include_docs}, else {@code null}
 * @param error {@code "not_found"} etc. for a requested key that has no row in {@code _all_docs}, else {@code null}
 */
public record ViewRow(String id, JsonNode key, JsonNode value, ObjectNode doc, String error) {
    public ViewRow {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }

    static ViewRow from(JsonNode row) {
        JsonNode doc = row.get("doc");
        return new ViewRow(Json.textOrNull(row, "id"), orNull(row.get("key")), orNull(row.get("value")),
                doc instanceof ObjectNode object ? object : null, Json.textOrNull(row, "error"));
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }
}
