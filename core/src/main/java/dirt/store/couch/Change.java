package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a changes feed.
 *
 * @param doc the document when the query asked for {@code include_docs}, else {@code null}
 */
record Change(Seq seq, String id, boolean deleted, List<String> revs, ObjectNode doc) {
    public Change {
        requireNonNull(seq, "seq is null");
        requireNonNull(id, "id is null");
        revs = List.copyOf(revs);
    }

    static Change from(JsonNode row) {
        List<String> revs = new ArrayList<>();
        row.path("changes").forEach(change -> revs.add(change.path("rev").asText()));
        JsonNode doc = row.get("doc");
        return new Change(new Seq(row.get("seq")), row.path("id").asText(), row.path("deleted").asBoolean(false),
                revs, doc instanceof ObjectNode object ? object : null);
    }
}
