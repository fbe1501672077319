package dirt.store.couch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small document builders for tests. */
final class Docs {
    private Docs() {
    }

    /** {@code {"_id": id}}; add fields with Jackson's fluent {@code put}. */
    static ObjectNode doc(String id) {
        return CouchJson.MAPPER.createObjectNode().put("_id", id);
    }

    /** A document without id, for {@code post}. */
    static ObjectNode anonymous() {
        return CouchJson.MAPPER.createObjectNode();
    }

    /** A design document with one map view and an optional reduce ({@code null} for none). */
    static ObjectNode designDoc(String name, String view, String map, String reduce) {
        ObjectNode ddoc = doc("_design/" + name);
        ObjectNode definition = ddoc.putObject("views").putObject(view).put("map", map);
        if (reduce != null) {
            definition.put("reduce", reduce);
        }
        return ddoc;
    }

    /** {@code doc} with {@code _rev} set to {@code ref.rev()}. */
    static ObjectNode withRev(ObjectNode doc, DocRef ref) {
        return doc.deepCopy().put("_rev", ref.rev());
    }
}
