/**
 * dirt's own JSON values: what {@link dirt.store.Store} reads and writes, so that the rest of dirt does not speak a
 * library's trees. A value is one of six immutable types under the sealed {@link dirt.json.Json}:
 * {@link dirt.json.JsonObject} (fields in the order they came, a {@link dirt.json.JsonObject.Builder} to build one),
 * {@link dirt.json.JsonArray}, {@link dirt.json.JsonString}, {@link dirt.json.JsonNumber} (a {@code BigDecimal}: a
 * number is never narrowed), {@link dirt.json.JsonBoolean} and {@link dirt.json.JsonNull}.
 *
 * <p>{@link dirt.json.Json#parse} reads JSON text (an {@link dirt.json.InvalidJsonException} says where it is wrong) and
 * {@link dirt.json.Json#write} writes it compact; both stream with jackson-core, without an intermediate tree.
 * {@link dirt.json.Json#parseLarge} reads the agent's reply lines, whose strings (attachments in base64) may be longer
 * than the 20 MB {@code parse} allows.
 *
 * <p>Only jackson-core's streaming parser and generator are used here; Jackson's trees stay inside
 * {@code dirt.store.couch}.
 */
package dirt.json;
