package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One leaf revision of a document, as {@code GET /db/id?open_revs=all} lists them. A document with more than one
 * live leaf is in conflict; CouchDB shows the {@linkplain #WINNER_FIRST winner} and keeps the others as
 * {@code _conflicts}.
 */
record Leaf(String rev, boolean deleted, JsonObject doc) {
    /**
     * CouchDB's choice of the winning revision: a live leaf beats a deleted one, then the longer history, then the
     * greater revision hash. Every node and every client that sees the same leaves picks the same winner.
     */
    static final Comparator<Leaf> WINNER_FIRST = Comparator.comparing(Leaf::deleted)
            .thenComparing(Comparator.comparingLong(Leaf::position).reversed())
            .thenComparing(Comparator.comparing(Leaf::hash).reversed());

    Leaf {
        requireNonNull(rev, "rev is null");
        requireNonNull(doc, "doc is null");
    }

    long position() {
        int dash = rev.indexOf('-');
        return dash < 0 ? 0 : Long.parseLong(rev.substring(0, dash));
    }

    String hash() {
        return rev.substring(rev.indexOf('-') + 1);
    }

    /** The leaves of an {@code open_revs=all} answer, the winner first; revisions reported missing are left out. */
    static List<Leaf> fromOpenRevs(Json answer) {
        List<Leaf> leaves = new ArrayList<>();
        for (Json entry : answer instanceof JsonArray array ? array : JsonArray.EMPTY) {
            JsonObject doc = entry instanceof JsonObject object ? object.object("ok").orElse(null) : null;
            if (doc != null && doc.rev().isPresent()) {
                leaves.add(new Leaf(doc.rev().get(), doc.get("_deleted").filter(JsonBoolean.TRUE::equals).isPresent(),
                        doc));
            }
        }
        leaves.sort(WINNER_FIRST);
        return leaves;
    }

    /** The live (not deleted) leaves among {@code leaves}, in the same order. */
    static List<Leaf> live(List<Leaf> leaves) {
        return leaves.stream().filter(leaf -> !leaf.deleted()).toList();
    }
}
