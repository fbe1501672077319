package dirt.store.couch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON reading and writing for the CouchDB client; CouchDB's numbers are never narrowed. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
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
        return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    }

    /** The text of a field, or {@code null} when it is missing or JSON null. */
    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
