package dirt.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes {@link Json} values as compact JSON text with jackson-core's streaming generator. */
final class JsonWriter {
    private JsonWriter() {
    }

    static String text(Json value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JsonReader.FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    static byte[] bytes(Json value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = JsonReader.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    static void write(JsonGenerator out, Json value) throws IOException {
        if (value instanceof JsonObject object) {
            out.writeStartObject();
            for (Map.Entry<String, Json> field : object.fields().entrySet()) {
                out.writeFieldName(field.getKey());
                write(out, field.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof JsonArray array) {
            out.writeStartArray();
            for (Json item : array.values()) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof JsonString string) {
            out.writeString(string.value());
        } else if (value instanceof JsonNumber number) {
            out.writeNumber(number.value());
        } else if (value instanceof JsonBoolean bool) {
            out.writeBoolean(bool.value());
        } else {
            out.writeNull();
        }
    }
}
