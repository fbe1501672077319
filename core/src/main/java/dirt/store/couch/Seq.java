package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dirt.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * A position in a database's changes feed. Opaque: a string on CouchDB 2+, a number on other servers; never parse
 * or compare it, only hand it back as {@code since}. {@link #json()} and {@link #fromJson(String)} store it.
 */
record Seq(JsonNode value) {
    /** Only changes after the moment of asking. */
    public static final Seq NOW = new Seq(TextNode.valueOf("now"));
    /** From the beginning of the database. */
    public static final Seq BEGINNING = new Seq(TextNode.valueOf("0"));

    public Seq {
        requireNonNull(value, "value is null");
        if (value.isNull() || value.isMissingNode() || value.isObject()) {
            throw new IllegalArgumentException("not a changes seq: " + value);
        }
    }

    /** A seq from its JSON text, as produced by {@link #json()}. */
    public static Seq fromJson(String json) {
        return new Seq(CouchJson.parse(json.getBytes(StandardCharsets.UTF_8), "seq"));
    }

    /** The seq in dirt's JSON (a row of the changes feed or a view's {@code update_seq}). */
    static Seq of(Json value) {
        return new Seq(JacksonBridge.tree(value));
    }

    static Seq from(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? BEGINNING : new Seq(node);
    }

    /** The value for a {@code since=} query parameter: a string as is, anything else as its JSON text. */
    public String parameter() {
        return value.isTextual() ? value.textValue() : CouchJson.text(value);
    }

    /** The seq as JSON text, for storing. */
    public String json() {
        return CouchJson.text(value);
    }

    @Override
    public String toString() {
        return parameter();
    }
}
