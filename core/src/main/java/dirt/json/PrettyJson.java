package dirt.json;

import java.util.Iterator;
import java.util.Map;

/**
 * Indented JSON text, for people: what {@code --json} prints and the files dirt keeps for the local server
 * ({@code admin.json}, pouchdb-server's {@code config.json}), laid out as they always were: an object's fields one a line,
 * indented by two spaces a level, {@code "name" : value}; an array on the line it starts, {@code [ a, b ]}; empty ones
 * {@code { }} and {@code [ ]}; a number with a fraction or exponent as the {@code double} it was read as
 * ({@code 1.7E9}). Other values are written by {@link Json#write}.
 */
public final class PrettyJson {
    private PrettyJson() {}

    /** {@code value} laid out, without a final line break. */
    public static String text(Json value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Json value, int level) {
        if (value instanceof JsonObject object) {
            object(out, object, level);
        } else if (value instanceof JsonArray array) {
            array(out, array, level);
        } else {
            out.append(Json.write(value));
        }
    }

    private static void object(StringBuilder out, JsonObject object, int level) {
        if (object.isEmpty()) {
            out.append("{ }");
            return;
        }
        out.append('{');
        for (Iterator<Map.Entry<String, Json>> it = object.fields().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Json> field = it.next();
            indent(out, level + 1);
            out.append(Json.write(new JsonString(field.getKey()))).append(" : ");
            write(out, field.getValue(), level + 1);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        indent(out, level);
        out.append('}');
    }

    private static void array(StringBuilder out, JsonArray array, int level) {
        if (array.isEmpty()) {
            out.append("[ ]");
            return;
        }
        out.append("[ ");
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(out, array.get(i), level);
        }
        out.append(" ]");
    }

    private static void indent(StringBuilder out, int level) {
        out.append(System.lineSeparator()).append("  ".repeat(level));
    }
}
