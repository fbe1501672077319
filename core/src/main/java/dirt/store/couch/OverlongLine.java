package dirt.store.couch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * A line of the changes feed longer than the reader keeps: its first {@link #HEAD} bytes and its full length. The
 * change's {@code id} and {@code seq} are read from the head when they come before the document, as CouchDB sends them.
 */
record OverlongLine(byte[] head, long length) {
    /** How much of an overlong line is kept: enough for a row's seq and id. */
    static final int HEAD = 64 * 1024;

    /** The row's {@code id}, when the head holds it. */
    Optional<String> id() {
        JsonParser parser = field("id");
        try {
            return parser != null && parser.currentToken() == JsonToken.VALUE_STRING
                    ? Optional.of(parser.getText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The row's {@code seq}, when the head holds it. */
    Optional<Seq> seq() {
        JsonParser parser = field("seq");
        try {
            JsonNode value = parser == null ? null : CouchJson.MAPPER.readTree(parser);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(Seq.from(value));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A parser of the head at the value of the row's top-level {@code name}, or null when the head ends before. */
    private JsonParser field(String name) {
        try {
            JsonParser parser = CouchJson.MAPPER.getFactory().createParser(head);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                parser.nextToken();
                if (field.equals(name)) {
                    return parser;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
