package dirt.store;

import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The documents of one project's database, as the rest of dirt sees them: JSON objects addressed by {@code _id},
 * updated under {@code _rev}. The CouchDB implementation is {@code dirt.store.couch.CouchStore}.
 */
public interface Store {
    Optional<JsonObject> get(String id);

    /**
     * Creates or updates a document; an update carries the {@code _rev} it was read at.
     *
     * @return the new {@code _rev}
     * @throws ConflictException when the document changed since it was read (or exists, for a create)
     */
    String put(JsonObject document);

    /**
     * Creates (or, with {@code _rev}, updates) several documents in one request. Each is written or not on its own;
     * per document, in order, its new revision or why not ({@link Written#conflict()} when it exists or changed
     * since it was read). Nothing is reported written before the store said so.
     */
    List<Written> putAll(List<JsonObject> documents);

    /**
     * {@link #putAll} for claims, the writes that decide who does something (runs a task, takes a slot): a document
     * counts as written only when no other writer can hold the same claim. On a CouchDB cluster a write can win its
     * race from a revision that another writer's race left behind, beside the winner of the race from the revision
     * before; so each claim is checked against every copy after it is written, whatever the answer.
     */
    List<Written> claimAll(List<JsonObject> documents);

    /**
     * {@link #put} for one claim (a schedule's firing, a notification), checked as {@link #claimAll} checks claims.
     *
     * @throws ConflictException when {@code _rev} is no longer the current revision, or another claim holds
     */
    String claim(JsonObject document);

    /** The current revisions of several documents in one request, by id; a missing or deleted one is left out. */
    Map<String, JsonObject> getAll(List<String> ids);

    /**
     * Read-modify-write of one document: applies {@code change} to its current revision and stores the result,
     * reading again and applying again when another writer changed it in between ({@code change} may run more than
     * once). Returns the stored document, or empty when the document does not exist or {@code change} declined by
     * returning null.
     *
     * @throws ConflictException when the document kept changing under {@link #UPDATE_ATTEMPTS} tries
     */
    default Optional<JsonObject> update(String id, UnaryOperator<JsonObject> change) {
        return upsert(id, current -> current.map(change).orElse(null));
    }

    /**
     * {@link #update} of a document that may not exist yet: {@code change} gets its current revision, or empty when
     * there is none, and returns what to store ({@code "_deleted": true} deletes it) or null to leave it as it is. The
     * one read-modify-write loop of dirt: every change of a document that others may write at the same time goes
     * through here.
     *
     * @throws ConflictException when the document kept changing under {@link #UPDATE_ATTEMPTS} tries
     */
    default Optional<JsonObject> upsert(String id, Function<Optional<JsonObject>, JsonObject> change) {
        return readModifyWrite(id, change, this::put);
    }

    /** {@link #update} whose write is a claim ({@link #claim}): of two servers claiming one document, one holds it. */
    default Optional<JsonObject> updateClaim(String id, UnaryOperator<JsonObject> change) {
        return readModifyWrite(id, current -> current.map(change).orElse(null), this::claim);
    }

    private Optional<JsonObject> readModifyWrite(String id, Function<Optional<JsonObject>, JsonObject> change,
            Function<JsonObject, String> write) {
        for (int attempt = 1; ; attempt++) {
            JsonObject updated = change.apply(get(id));
            if (updated == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(updated.with("_rev", new JsonString(write.apply(updated))));
            } catch (ConflictException e) {
                if (attempt == UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** How often {@link #update} reads and writes before it gives up on a document that keeps changing. */
    int UPDATE_ATTEMPTS = 5;

    /** @throws ConflictException when {@code rev} is no longer the current revision */
    void delete(String id, String rev);

    /**
     * Every live revision of the document, the one the store shows (the winner) first; more than one only when writes
     * through different nodes of a cluster left it in conflict. Empty when there is no such document. To resolve a
     * conflict, {@link #put} the content to keep on the first revision and {@link #delete} the others.
     */
    List<JsonObject> revisions(String id);

    /** Every document whose {@code _id} starts with {@code prefix}, in {@code _id} order. */
    List<JsonObject> withIdPrefix(String prefix);

    /** Every document, design documents included, in {@code _id} order, {@code pageSize} documents per request. */
    void allDocuments(int pageSize, Consumer<JsonObject> each);

    /** The documents a view emits, in key order (the design document must exist: {@link #ensureDocument}). */
    List<JsonObject> viewDocuments(String designDoc, String view);

    /** The documents a view emits for the keys in {@code range}, in the range's order. */
    List<JsonObject> viewDocuments(String designDoc, String view, ViewRange range);

    /**
     * Reads a view as its index stands, without waiting for the index to catch up with the database (which, for a new
     * view over a large database, takes minutes), {@code pageSize} rows with their current documents per request (the
     * first request fewer, so that the first rows come soon), in key order; then asks the store to bring the index up to date in the background. Returns the position in the
     * change history the index reflected: {@link #follow following} from there sees every document the rows missed.
     * A document may be given more than once, or no longer match the view.
     */
    ChangeToken viewAsIndexed(String designDoc, String view, int pageSize, Consumer<JsonObject> each);

    /**
     * Every row of a view, without documents, in key order, {@code pageSize} rows per request (the index brought up to
     * date first). For views that emit small values about many documents.
     */
    void viewEntries(String designDoc, String view, int pageSize, Consumer<ViewEntry> each);

    /** The rows of a view whose key is one of {@code keys} (strings), without documents, in the order of the keys. */
    List<ViewEntry> viewEntries(String designDoc, String view, List<String> keys);

    /** The rows of a view for the keys in {@code range}, without documents, in the range's order. */
    List<ViewEntry> viewEntries(String designDoc, String view, ViewRange range);

    /**
     * Asks the server to reclaim the space of deleted documents, old revisions and removed attachments: the
     * database's compaction, each design document's view compaction, and the clean-up of unused view indexes. The
     * work runs in the background on the server. Servers that do not offer one of them, or refuse it (it takes a
     * database admin), are reported as such, never thrown.
     */
    List<Compaction> compact();

    /** The bytes of the document's attachment {@code name}; empty when the document or the attachment is missing. */
    Optional<byte[]> attachment(String id, String name);

    /**
     * Stores {@code document} unless a document with that id and the same content (ignoring {@code _rev}) exists.
     * Returns whether it wrote.
     */
    boolean ensureDocument(JsonObject document);

    /**
     * {@link #ensureDocument} for several documents at once (distinct ids), in about two requests whatever their
     * number. Returns the ids of those it wrote.
     */
    List<String> ensureDocuments(List<JsonObject> documents);

    /** The position now: following from it sees every later change. */
    ChangeToken now();

    /**
     * Follows the changes after {@code since} in the background, documents included, reconnecting after errors;
     * {@code consumer} is called on one thread, in order. Closing the returned handle stops it; it also says whether the
     * feed is connected and how far behind it the consumer is.
     */
    Feed follow(ChangeToken since, Consumer<StoreChange> consumer);
}
