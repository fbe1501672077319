package dirt.store.couch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.InvalidJsonException;
import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON reading and writing for the CouchDB client: what carries documents is read straight into dirt's own
 * {@link Json} values ({@link #value}, {@link #object}), the rest of CouchDB's answers as Jackson trees; CouchDB's
 * numbers are never narrowed.
 */
final class CouchJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private CouchJson() {
    }

    static JsonNode parse(byte[] body, String what) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? NullNode.getInstance() : node;
        } catch (IOException e) {
            throw new StoreException("CouchDB answered with invalid JSON: what=\"" + what + "\" cause=\""
                    + e.getMessage() + "\" — check that the URL points at a CouchDB server", e);
        }
    }

    /** {@code body} as dirt's JSON value (documents in it are read once, straight into their final form). */
    static Json value(byte[] body, String what) {
        try {
            return Json.parse(body);
        } catch (InvalidJsonException e) {
            throw new StoreException("CouchDB answered with invalid JSON: what=\"" + what + "\" cause=\""
                    + e.getMessage() + "\" — check that the URL points at a CouchDB server", e);
        }
    }

    /** {@link #value} when it must be an object. */
    static JsonObject object(byte[] body, String what) {
        if (value(body, what) instanceof JsonObject object) {
            return object;
        }
        throw new StoreException("CouchDB answered with JSON that is not an object: what=\"" + what
                + "\" — check that the URL points at a CouchDB server");
    }

    static ObjectNode parseObject(byte[] body, String what) {
        JsonNode node = parse(body, what);
        if (!node.isObject()) {
            throw new StoreException("CouchDB answered with JSON that is not an object: what=\"" + what
                    + "\" — check that the URL points at a CouchDB server");
        }
        return (ObjectNode) node;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(Object value) {
        if (value instanceof Json json) {
            return JacksonBridge.tree(json);
        }
        return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    }

    /** The text of a field, or {@code null} when it is missing or JSON null. */
    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
