package dirt.document;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;

/**
 * How deep and how large what users post into a task ({@code kwargs}) may be: one limit, checked the same by
 * {@code dirt post}, by the database's {@code validate_doc_update} and by serve, so that no document gets past one and
 * fails later at another (on a node, where it once cost a lost run). The agent reads requests up to 500 levels deep.
 */
public final class InputLimits {
    /** Levels of nested objects and arrays in {@code kwargs}, the object itself counted. */
    public static final int MAX_DEPTH = 100;
    /** Bytes of {@code kwargs} as compact JSON (UTF-8). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private InputLimits() {
    }

    /** Notes a problem on {@code field} when {@code value} is nested too deep or too large. */
    public static void check(DocumentReader in, String field, Json value) {
        if (depth(value, 0) > MAX_DEPTH) {
            in.problem(field, "is nested deeper than " + MAX_DEPTH + " levels — flatten it, or put the data in a"
                    + " file the task reads");
            return;
        }
        int bytes = Json.byteLength(value);
        if (bytes > MAX_BYTES) {
            in.problem(field, "has " + bytes + " bytes of JSON, more than " + MAX_BYTES + " — put the data in a file"
                    + " the task reads, or in an attachment of the record");
        }
    }

    private static int depth(Json value, int above) {
        Iterable<Json> children = value instanceof JsonObject object ? object.fields().values()
                : value instanceof JsonArray array ? array : null;
        if (children == null) {
            return above;
        }
        int level = above + 1;
        if (level > MAX_DEPTH) {
            return level;
        }
        int deepest = level;
        for (Json child : children) {
            deepest = Math.max(deepest, depth(child, level));
            if (deepest > MAX_DEPTH) {
                break;
            }
        }
        return deepest;
    }
}
