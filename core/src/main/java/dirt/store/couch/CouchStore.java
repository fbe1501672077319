package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonObject;
import dirt.store.ChangeToken;
import dirt.store.Compaction;
import dirt.store.Feed;
import dirt.store.Store;
import dirt.store.StoreChange;
import dirt.store.StoreException;
import dirt.store.ViewEntry;
import dirt.store.ViewRange;
import dirt.store.Written;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Store} over one CouchDB database. */
final class CouchStore implements Store {
    /** Sorts after every character an id can hold, so that [prefix, prefix + HIGH] spans exactly the prefix. */
    private static final String HIGH = "\ufff0";
    /**
     * The rows of the first page of {@link #viewAsIndexed}: few, so that the first of a large index arrive in tens of
     * milliseconds rather than the second a page of a thousand documents takes on a busy database.
     */
    private static final int FIRST_PAGE = 100;

    private final CouchDatabase database;

    CouchStore(CouchDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public Optional<JsonObject> get(String id) {
        return database.document(id);
    }

    @Override
    public String put(JsonObject document) {
        return database.put(document).rev();
    }

    @Override
    public String claim(JsonObject document) {
        return database.claim(document).rev();
    }

    @Override
    public List<Written> putAll(List<JsonObject> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        return written(database.bulkDocuments(documents));
    }

    @Override
    public List<Written> claimAll(List<JsonObject> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        return written(database.claimDocuments(documents));
    }

    private static List<Written> written(List<BulkResult> results) {
        return results.stream()
                .map(result -> result.ok() ? Written.ok(result.id(), result.rev())
                        : Written.failed(result.id(), result.error(), result.reason()))
                .toList();
    }

    @Override
    public Map<String, JsonObject> getAll(List<String> ids) {
        Map<String, JsonObject> docs = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return docs;
        }
        for (ViewRow row : database.allDocs(ViewQuery.all().keys(List.copyOf(ids)).includeDocs(true)).rows()) {
            if (row.doc() != null) {
                docs.put(row.id(), row.doc());
            }
        }
        return docs;
    }

    @Override
    public void delete(String id, String rev) {
        database.delete(id, rev);
    }

    @Override
    public List<JsonObject> revisions(String id) {
        return Leaf.live(database.leaves(id)).stream().map(Leaf::doc).toList();
    }

    @Override
    public List<JsonObject> withIdPrefix(String prefix) {
        var query = ViewQuery.all().startKey(prefix).endKey(prefix + HIGH).includeDocs(true);
        return database.allDocs(query).rows().stream().map(ViewRow::doc).filter(Objects::nonNull).toList();
    }

    @Override
    public void allDocuments(int pageSize, Consumer<JsonObject> each) {
        ViewQuery query = ViewQuery.all().includeDocs(true);
        ViewPage page = database.allDocsPage(query, pageSize);
        while (true) {
            page.rows().stream().map(ViewRow::doc).filter(Objects::nonNull).forEach(each);
            if (page.next().isEmpty()) {
                return;
            }
            page = database.allDocsPage(query.from(page.next().get()), pageSize);
        }
    }

    @Override
    public List<JsonObject> viewDocuments(String designDoc, String view) {
        var rows = database.view(designDoc, view, ViewQuery.all().includeDocs(true)).rows();
        return rows.stream().map(ViewRow::doc).filter(Objects::nonNull).toList();
    }

    @Override
    public List<JsonObject> viewDocuments(String designDoc, String view, ViewRange range) {
        return database.view(designDoc, view, query(range, true)).rows().stream().map(ViewRow::doc)
                .filter(Objects::nonNull).toList();
    }

    private static ViewQuery query(ViewRange range, boolean includeDocs) {
        var query = ViewQuery.all().startKey(range.startKey()).endKey(range.endKey()).descending(range.descending());
        query = includeDocs ? query.includeDocs(true) : query;
        return range.limit() == ViewRange.UNLIMITED ? query : query.limit(range.limit());
    }

    @Override
    public ChangeToken viewAsIndexed(String designDoc, String view, int pageSize, Consumer<JsonObject> each) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
        }
        // Where the index stands first: rows read later may reflect a newer index, which the changes from here cover too.
        Seq indexed = database.view(designDoc, view, ViewQuery.all().asIndexed().limit(0).updateSeq()).updateSeq()
                .orElseThrow(() -> new StoreException("the database did not say where the index of view " + designDoc
                        + "/" + view + " stands (update_seq) — serve needs CouchDB 2 or later, or pouchdb-server"));
        ViewQuery query = ViewQuery.all().asIndexed().includeDocs(true);
        ViewPage page = database.viewPage(designDoc, view, query, Math.min(pageSize, FIRST_PAGE));
        while (true) {
            page.rows().stream().map(ViewRow::doc).filter(Objects::nonNull).forEach(each);
            if (page.next().isEmpty()) {
                break;
            }
            page = database.viewPage(designDoc, view, query.from(page.next().get()), pageSize);
        }
        database.view(designDoc, view, ViewQuery.all().asIndexedThenUpdate().limit(0));
        return new ChangeToken(indexed.json());
    }

    @Override
    public void viewEntries(String designDoc, String view, int pageSize, Consumer<ViewEntry> each) {
        ViewQuery query = ViewQuery.all();
        ViewPage page = database.viewPage(designDoc, view, query, pageSize);
        while (true) {
            page.rows().stream().filter(row -> row.id() != null).map(CouchStore::entry).forEach(each);
            if (page.next().isEmpty()) {
                return;
            }
            page = database.viewPage(designDoc, view, query.from(page.next().get()), pageSize);
        }
    }

    @Override
    public List<ViewEntry> viewEntries(String designDoc, String view, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return database.view(designDoc, view, ViewQuery.all().keys(List.copyOf(keys))).rows().stream()
                .filter(row -> row.id() != null).map(CouchStore::entry).toList();
    }

    @Override
    public List<ViewEntry> viewEntries(String designDoc, String view, ViewRange range) {
        return database.view(designDoc, view, query(range, false)).rows().stream().filter(row -> row.id() != null)
                .map(CouchStore::entry).toList();
    }

    private static ViewEntry entry(ViewRow row) {
        return new ViewEntry(row.id(), row.key(), row.value());
    }

    @Override
    public List<Compaction> compact() {
        return database.compact();
    }

    @Override
    public Optional<byte[]> attachment(String id, String name) {
        return database.getAttachment(id, name).map(Attachment::bytes);
    }

    /**
     * Writers that install the same document at once (several servers starting on one database) race: the loser of a
     * conflict reads the document again and is done when it now holds the wanted content, else tries again.
     */
    @Override
    public boolean ensureDocument(JsonObject document) {
        String id = document.id().orElse("");
        return upsert(id, current -> change(document, current)).isPresent();
    }

    /**
     * One read of them all and one write of those that differ. A document whose write fails goes through
     * {@link #ensureDocument} on its own: a conflict is another writer's race, and any other refusal is then reported
     * as its single write reports it (credentials, {@code validate_doc_update}).
     */
    @Override
    public List<String> ensureDocuments(List<JsonObject> documents) {
        Map<String, JsonObject> current = getAll(documents.stream().map(doc -> doc.id().orElse("")).toList());
        Map<String, JsonObject> writes = new LinkedHashMap<>();
        for (JsonObject document : documents) {
            String id = document.id().orElse("");
            JsonObject write = change(document, Optional.ofNullable(current.get(id)));
            if (write != null) {
                writes.put(id, write);
            }
        }
        List<String> wrote = new ArrayList<>();
        for (Written written : putAll(List.copyOf(writes.values()))) {
            if (written.ok() || ensureDocument(writes.get(written.id()))) {
                wrote.add(written.id());
            }
        }
        return wrote;
    }

    /** What to write so that the document holds {@code document}'s content (ignoring {@code _rev}); null when it does. */
    private static JsonObject change(JsonObject document, Optional<JsonObject> current) {
        JsonObject wanted = document.without("_rev");
        if (current.isEmpty()) {
            return wanted;
        }
        if (current.get().without("_rev").equals(wanted)) {
            return null;
        }
        return wanted.with("_rev", current.get().rev().orElse(""));
    }

    @Override
    public ChangeToken now() {
        return new ChangeToken(database.info().updateSeq().json());
    }

    @Override
    public Feed follow(ChangeToken since, Consumer<StoreChange> consumer) {
        var query = ChangesQuery.since(Seq.fromJson(since.json())).withIncludeDocs(true);
        return database.follow(query, change -> consumer.accept(new StoreChange(
                new ChangeToken(change.seq().json()), change.id(), change.deleted(),
                Optional.ofNullable(change.doc()).filter(doc -> !change.deleted()))));
    }

    @Override
    public String toString() {
        return "CouchStore[" + database + "]";
    }
}
