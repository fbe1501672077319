package dirt.localcouch;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.util.Map;

/**
 * The files dirt keeps for the local server ({@code admin.json}, pouchdb-server's {@code config.json}) as people read
 * them, laid out as they always were: an object's fields one a line, indented by two spaces, as {@code "key" : value};
 * an array on one line, {@code [ 1, 2 ]}; an empty object {@code { }}, an empty array {@code [ ]}.
 */
final class PrettyJson {
    private PrettyJson() {
    }

    /** {@code value} laid out, without a final line break. */
    static String text(Json value) {
        StringBuilder out = new StringBuilder();
        write(value, 0, out);
        return out.toString();
    }

    private static void write(Json value, int depth, StringBuilder out) {
        if (value instanceof JsonObject object) {
            writeObject(object, depth, out);
        } else if (value instanceof JsonArray array) {
            if (array.isEmpty()) {
                out.append("[ ]");
                return;
            }
            out.append("[ ");
            for (int i = 0; i < array.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(array.get(i), depth, out);
            }
            out.append(" ]");
        } else {
            out.append(Json.write(value));
        }
    }

    private static void writeObject(JsonObject object, int depth, StringBuilder out) {
        if (object.isEmpty()) {
            out.append("{ }");
            return;
        }
        out.append('{');
        String indent = "  ".repeat(depth + 1);
        boolean first = true;
        for (Map.Entry<String, Json> field : object.fields().entrySet()) {
            out.append(first ? "\n" : ",\n").append(indent).append(new JsonString(field.getKey())).append(" : ");
            write(field.getValue(), depth + 1, out);
            first = false;
        }
        out.append('\n').append("  ".repeat(depth)).append('}');
    }
}
