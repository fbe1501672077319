package dirt.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.JacksonBridge;

/** Builds task documents for tests, starting from the seed's compile_hello task. */
final class TaskJson {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The seed's task document, as written there. */
    static final String SEED_COMPILE_HELLO = """
            {
            "_id": "2e3dabbff38ca7f6fa05c5a0cbbc95a5",
            "type": "task",
            "record_id": "r123",
            "name": "compile_hello",
            "platform": "linux",
            "created": 1315347385
            }""";

    private final ObjectNode json;

    private TaskJson(ObjectNode json) {
        this.json = json;
    }

    static TaskJson compileHello() {
        return new TaskJson(parse(SEED_COMPILE_HELLO));
    }

    static ObjectNode parse(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sets a field to a JSON value written as text, e.g. {@code with("kwargs", "{\"foo\": 42}")}. */
    TaskJson with(String field, String jsonValue) {
        try {
            JsonNode value = JSON.readTree(jsonValue);
            json.set(field, value);
            return this;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    TaskJson without(String field) {
        json.remove(field);
        return this;
    }

    ObjectNode build() {
        return json.deepCopy();
    }

    Task task() {
        return Task.fromJson(JacksonBridge.object(json));
    }
}
