package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code GET /db} says. {@code updateSeq} is opaque; {@code raw} keeps everything else (sizes, purge_seq, ...)
 * exactly as the server sent it, since servers disagree on those fields' types.
 */
record DatabaseInfo(String name, long docCount, long docDelCount, Seq updateSeq, ObjectNode raw) {
    public DatabaseInfo {
        requireNonNull(name, "name is null");
        requireNonNull(updateSeq, "updateSeq is null");
        requireNonNull(raw, "raw is null");
    }

    static DatabaseInfo from(String name, ObjectNode raw) {
        return new DatabaseInfo(raw.path("db_name").asText(name), raw.path("doc_count").asLong(0),
                raw.path("doc_del_count").asLong(0), Seq.from(raw.get("update_seq")), raw);
    }
}
