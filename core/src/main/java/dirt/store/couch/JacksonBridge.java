package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Converts between dirt's {@link Json} values and Jackson's trees, inside {@code dirt.store.couch}: for the JSON shapes
 * of CouchDB's own that this package reads as trees (change sequences, {@code _security}) and for
 * {@link CouchDatabase}'s tree-typed methods, which tests use to write documents as CouchDB would see them. No
 * production code outside this package uses it (ArchitectureTest): the rest of dirt speaks {@code dirt.json}.
 *
 * <p>A round trip keeps every value: {@code object(tree(o)).equals(o)}. Numbers become the tree nodes Jackson's own
 * parser makes of their text: a whole number ({@link JsonNumber#isIntegral}) an {@code IntNode}, {@code LongNode} or
 * {@code BigIntegerNode} by size, any other a {@code DoubleNode}, as a default {@code ObjectMapper} reads them.
 */
public final class JacksonBridge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JacksonBridge() {
    }

    /** A new Jackson tree of {@code object}, the caller's to change. */
    public static ObjectNode tree(JsonObject object) {
        requireNonNull(object, "object is null");
        ObjectNode tree = NODES.objectNode();
        object.fields().forEach((field, value) -> tree.set(field, tree(value)));
        return tree;
    }

    /** A new Jackson tree of {@code value}. */
    public static JsonNode tree(Json value) {
        requireNonNull(value, "value is null");
        if (value instanceof JsonObject object) {
            return tree(object);
        } else if (value instanceof JsonArray array) {
            ArrayNode tree = NODES.arrayNode(array.size());
            array.forEach(item -> tree.add(tree(item)));
            return tree;
        } else if (value instanceof JsonString string) {
            return NODES.textNode(string.value());
        } else if (value instanceof JsonNumber number) {
            return number(number);
        } else if (value instanceof JsonBoolean bool) {
            return NODES.booleanNode(bool.value());
        }
        return NODES.nullNode();
    }

    private static JsonNode number(JsonNumber number) {
        BigDecimal value = number.value();
        if (!number.isIntegral()) {
            return NODES.numberNode(value.doubleValue());
        }
        BigInteger whole = value.toBigIntegerExact();
        if (whole.bitLength() < 32) {
            return NODES.numberNode(whole.intValue());
        }
        return whole.bitLength() < 64 ? NODES.numberNode(whole.longValue()) : NODES.numberNode(whole);
    }

    /** Our object of a Jackson tree (copied: later changes of {@code tree} do not show in it). */
    public static JsonObject object(ObjectNode tree) {
        requireNonNull(tree, "tree is null");
        LinkedHashMap<String, Json> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), value(field.getValue()));
        }
        return JsonObject.of(fields);
    }

    /**
     * Our value of a Jackson tree.
     *
     * @throws IllegalArgumentException for what JSON cannot hold: a missing node, NaN or infinity, a Java object
     */
    public static Json value(JsonNode tree) {
        requireNonNull(tree, "tree is null");
        switch (tree.getNodeType()) {
            case OBJECT:
                return object((ObjectNode) tree);
            case ARRAY:
                List<Json> values = new ArrayList<>(tree.size());
                tree.forEach(item -> values.add(value(item)));
                return new JsonArray(values);
            case STRING:
            case BINARY:
                return new JsonString(tree.asText());
            case NUMBER:
                return new JsonNumber(decimal(tree));
            case BOOLEAN:
                return JsonBoolean.of(tree.booleanValue());
            case NULL:
                return JsonNull.NULL;
            default:
                throw new IllegalArgumentException("not a JSON value: node=\"" + tree.getNodeType() + "\"");
        }
    }

    private static BigDecimal decimal(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? BigDecimal.valueOf(number.longValue())
                    : new BigDecimal(number.bigIntegerValue());
        }
        if (number.isBigDecimal()) {
            return number.decimalValue();
        }
        double value = number.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a JSON number: value=\"" + value + "\"");
        }
        BigDecimal decimal = BigDecimal.valueOf(value);
        return decimal.scale() == 0 ? decimal.setScale(1) : decimal; // a fraction written, as JsonReader keeps it
    }

    /** {@link #object} of each. */
    public static List<JsonObject> objects(Collection<ObjectNode> trees) {
        return trees.stream().map(JacksonBridge::object).toList();
    }

    /** {@link #tree(JsonObject)} of each. */
    public static List<ObjectNode> trees(Collection<JsonObject> objects) {
        return objects.stream().map(JacksonBridge::tree).toList();
    }

    /** {@link #tree(JsonObject)} of each value, by the same keys in the same order. */
    public static Map<String, ObjectNode> trees(Map<String, JsonObject> objects) {
        Map<String, ObjectNode> trees = new LinkedHashMap<>();
        objects.forEach((key, object) -> trees.put(key, tree(object)));
        return trees;
    }

    /** A change of our objects made by a change of Jackson trees (in place or not); null stays null. */
    public static UnaryOperator<JsonObject> edit(UnaryOperator<ObjectNode> change) {
        requireNonNull(change, "change is null");
        return object -> {
            ObjectNode changed = change.apply(tree(object));
            return changed == null ? null : object(changed);
        };
    }

    /** {@link #edit} for {@code Store.upsert}: the current document, if any, as a tree. */
    public static Function<Optional<JsonObject>, JsonObject> editOptional(
            Function<Optional<ObjectNode>, ObjectNode> change) {
        requireNonNull(change, "change is null");
        return current -> {
            ObjectNode changed = change.apply(current.map(JacksonBridge::tree));
            return changed == null ? null : object(changed);
        };
    }

    /** A consumer of our objects that hands each on as a tree. */
    public static Consumer<JsonObject> each(Consumer<ObjectNode> consumer) {
        requireNonNull(consumer, "consumer is null");
        return object -> consumer.accept(tree(object));
    }
}
