package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a changes feed.
 *
 * @param doc the document when the query asked for {@code include_docs}, else {@code null}
 */
record Change(Seq seq, String id, boolean deleted, List<String> revs, JsonObject doc) {
    public Change {
        requireNonNull(seq, "seq is null");
        requireNonNull(id, "id is null");
        revs = List.copyOf(revs);
    }

    /** The change in {@code row}; {@link Seq}'s checks throw {@link IllegalArgumentException} for a bad seq. */
    static Change from(JsonObject row) {
        List<String> revs = new ArrayList<>();
        for (Json change : row.array("changes").orElse(JsonArray.EMPTY)) {
            revs.add(change instanceof JsonObject object ? object.string("rev").orElse("") : "");
        }
        return new Change(Seq.of(row.get("seq").orElse(JsonNull.NULL)), row.string("id").orElse(""),
                row.get("deleted").filter(JsonBoolean.TRUE::equals).isPresent(), revs, row.object("doc").orElse(null));
    }
}
