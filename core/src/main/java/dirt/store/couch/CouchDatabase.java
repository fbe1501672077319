package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.store.Compaction;
import dirt.store.StoreException;
import dirt.store.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One database on a CouchDB server: documents as dirt's {@link JsonObject}s (unknown fields survive a round trip;
 * read straight from CouchDB's answers, written straight to request bodies), bulk writes, views, attachments and the
 * changes feed. The methods over Jackson's {@link ObjectNode} are for tests. Thread-safe. Obtain it from
 * {@link CouchClient#database}.
 *
 * <p>Failures: {@link dirt.store.ConflictException} for a stale {@code _rev},
 * {@link dirt.store.DatabaseNotFoundException} when the database is missing, and the other
 * {@link dirt.store.StoreException}s for unreachable servers, refused credentials and server errors.
 */
public final class CouchDatabase {
    private static final Duration LONGPOLL_DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final CouchHttp http;
    private final String name;
    private final String path;
    private final Set<ChangesFeed> feeds;
    private final Quorum quorum = new Quorum(this);
    private volatile int copies;

    CouchDatabase(CouchHttp http, String name, Set<ChangesFeed> feeds) {
        this.http = http;
        this.name = name;
        this.path = Urls.segment(name);
        this.feeds = feeds;
    }

    public String name() {
        return name;
    }

    public boolean exists() {
        CouchHttp.Response response = http.send("HEAD", path, null, null, CouchHttp.JSON,
                http.config().requestTimeout());
        if (response.status() == 404) {
            return false;
        }
        return check(response, "HEAD", path).ok();
    }

    /**
     * Creates the database unless it exists; returns whether it created it. Looks first, because CouchDB 3 lets only
     * server admins {@code PUT} a database, even one that exists: a database admin or member uses an existing one.
     */
    public boolean createIfMissing() {
        CouchHttp.Response head = http.send("HEAD", path, null, null, CouchHttp.JSON, http.config().requestTimeout());
        if (head.status() == 200) {
            return false;
        }
        CouchHttp.Response response = http.json("PUT", path, null);
        if (response.status() == 412) {
            return false;
        }
        check(response, "PUT", path);
        return true;
    }

    /** Deletes the database with all its documents if it exists; returns whether it existed. */
    boolean deleteIfExists() {
        if (!exists()) {
            return false;
        }
        CouchHttp.Response response = http.json("DELETE", path, null);
        if (response.status() == 404) {
            return false;
        }
        check(response, "DELETE", path);
        return true;
    }

    DatabaseInfo info() {
        CouchHttp.Response response = http.json("GET", path, null);
        if (response.status() == 404) {
            throw CouchErrors.databaseNotFound(http.config(), name);
        }
        check(response, "GET", path);
        return DatabaseInfo.from(name, CouchJson.parseObject(response.body(), "database info"));
    }

    /**
     * The database's {@code _security} object: who are its admins and members. {@code {}} when nobody set it.
     *
     * @throws UnauthorizedException when these credentials are not a database admin's
     */
    public ObjectNode security() {
        String securityPath = path + "/_security";
        CouchHttp.Response response = http.json("GET", securityPath, null);
        if (response.status() == 404) {
            throw CouchErrors.databaseNotFound(http.config(), name);
        }
        check(response, "GET", securityPath);
        return CouchJson.parseObject(response.body(), "security object of " + name);
    }

    /**
     * Replaces the database's {@code _security} object.
     *
     * @throws UnauthorizedException when these credentials are not a database admin's
     */
    public void putSecurity(ObjectNode security) {
        String securityPath = path + "/_security";
        CouchHttp.Response response = http.json("PUT", securityPath, requireNonNull(security, "security is null"));
        check(response, "PUT", securityPath);
    }

    /**
     * Whether a client without credentials may write documents to the database: found by deleting, without
     * credentials, a document that does not exist ({@code dirt-write-probe}), which at most leaves a deletion marker
     * of it. True on a server that lets anyone in (pouchdb-server's admin party, a database whose validation lets
     * anonymous writers through); false when CouchDB or the database's {@code validate_doc_update} refuses.
     */
    boolean writableByAnyone() {
        try (CouchClient anonymous = CouchClient.create(http.config().withCredentials(null, null))) {
            JsonObject probe = JsonObject.builder().put("_id", "dirt-write-probe").put("_deleted", true).build();
            BulkResult result = anonymous.database(name).bulkDocuments(List.of(probe)).get(0);
            return result.ok() || result.conflict();
        } catch (UnauthorizedException e) {
            return false;
        }
    }

    /** {@link #document} as a Jackson tree, for tests. */
    public Optional<ObjectNode> get(String id) {
        return document(id).map(JacksonBridge::tree);
    }

    /** The current revision of the document, or empty when there is none (never written, or deleted). */
    public Optional<JsonObject> document(String id) {
        String docPath = Urls.docPath(name, requireNonNull(id, "id is null"));
        CouchHttp.Response response = http.json("GET", docPath, null);
        if (response.status() == 404) {
            requireDatabase();
            return Optional.empty();
        }
        check(response, "GET", docPath);
        return Optional.of(response.object("document " + id));
    }

    /**
     * Creates or updates the document named by its {@code _id}; an update must carry the current {@code _rev}.
     *
     * @throws dirt.store.ConflictException when {@code _rev} is stale or missing for an existing document
     */
    public DocRef put(JsonObject doc) {
        return put(doc, false);
    }

    /** {@link #put(JsonObject)} of a Jackson tree, for tests. */
    public DocRef put(ObjectNode doc) {
        return put(JacksonBridge.object(requireNonNull(doc, "doc is null")), false);
    }

    /**
     * {@link #put} for a claim (a schedule's firing, a notification): on a cluster it is settled whatever the answer,
     * as {@link #claimDocs} settles claims.
     */
    DocRef claim(JsonObject doc) {
        return put(doc, copies() > 1);
    }

    private DocRef put(JsonObject doc, boolean settleEvery) {
        String id = requireNonNull(doc, "doc is null").id().orElse(null);
        if (id == null) {
            throw new IllegalArgumentException("put needs a document with an _id; use post for server-made ids");
        }
        String docPath = Urls.docPath(name, id);
        CouchHttp.Response response = http.send("PUT", docPath, doc);
        String parentRev = doc.rev().orElse(null);
        if (response.status() == 409) {
            throw CouchErrors.conflict(name, id, parentRev);
        }
        DocRef written = docRef(check(response, "PUT", docPath), "PUT", docPath);
        if ((settleEvery || response.status() == 202) && !quorum.holds(id, written.rev(), parentRev)) {
            throw CouchErrors.conflict(name, id, parentRev);
        }
        return written;
    }

    /** Creates the document with an id the server chooses. */
    DocRef post(ObjectNode doc) {
        CouchHttp.Response response = http.json("POST", path, requireNonNull(doc, "doc is null"));
        if (response.status() == 409) {
            throw CouchErrors.conflict(name, CouchJson.textOrNull(doc, "_id"), null);
        }
        return docRef(check(response, "POST", path), "POST", path);
    }

    /** Deletes the revision {@code rev} of the document; returns the tombstone's revision. */
    public DocRef delete(String id, String rev) {
        requireNonNull(rev, "rev is null");
        String docPath = Urls.docPath(name, requireNonNull(id, "id is null")) + Urls.query(Map.of("rev", rev));
        CouchHttp.Response response = http.json("DELETE", docPath, null);
        if (response.status() == 409) {
            throw CouchErrors.conflict(name, id, rev);
        }
        return docRef(check(response, "DELETE", docPath), "DELETE", docPath);
    }

    /**
     * Writes many documents in one request; each gets its own result, in order (a conflict fails only that one). When
     * a cluster answers {@code 202} (some writes missed the quorum, and the answer does not say which), each written
     * document is settled as {@link #put} settles one, and one that lost a race is reported as a conflict.
     */
    public List<BulkResult> bulkDocuments(List<JsonObject> docs) {
        return bulkDocs(docs, false);
    }

    /** {@link #bulkDocuments} of Jackson trees, for tests. */
    public List<BulkResult> bulkDocs(List<ObjectNode> docs) {
        return bulkDocs(JacksonBridge.objects(docs), false);
    }

    /**
     * {@link #bulkDocs} for claims (a task's run, a slot): on a cluster every written document is settled as a
     * {@code 202} is, a {@code 201} included. A {@code 201} beats only the writers that started from the same revision;
     * a writer that read another live leaf of the document (the revision of a write that lost a race and is not
     * withdrawn yet, which CouchDB may show meanwhile) wins its own race from that leaf with {@code 201} too, and both
     * would hold the claim. Costs a read of every copy per written document, on a cluster only.
     */
    public List<BulkResult> claimDocuments(List<JsonObject> docs) {
        return bulkDocs(docs, copies() > 1);
    }

    /** {@link #claimDocuments} of Jackson trees, for tests. */
    public List<BulkResult> claimDocs(List<ObjectNode> docs) {
        return bulkDocs(JacksonBridge.objects(docs), copies() > 1);
    }

    private List<BulkResult> bulkDocs(List<JsonObject> docs, boolean settleEvery) {
        JsonObject body = JsonObject.builder().put("docs", new JsonArray(List.copyOf(docs))).build();
        String bulkPath = path + "/_bulk_docs";
        CouchHttp.Response response = check(http.send("POST", bulkPath, body), "POST", bulkPath);
        List<JsonNode> answer = inRequestOrder(docs, response.json("_bulk_docs"));
        List<BulkResult> results = new ArrayList<>();
        for (int i = 0; i < answer.size(); i++) {
            JsonNode row = answer.get(i);
            String id = CouchJson.textOrNull(row, "id");
            String error = CouchJson.textOrNull(row, "error");
            BulkResult result = error == null ? BulkResult.written(id, CouchJson.textOrNull(row, "rev"))
                    : new BulkResult(id, null, error, CouchJson.textOrNull(row, "reason"));
            String parentRev = i < docs.size() ? docs.get(i).rev().orElse(null) : null;
            boolean settle = settleEvery || response.status() == 202;
            if (settle && result.ok() && !quorum.holds(id, result.rev(), parentRev)) {
                result = new BulkResult(id, null, "conflict", "another writer updated it through another node");
            }
            results.add(result);
        }
        return results;
    }

    /**
     * The answer's rows in the order of the documents sent. CouchDB answers {@code _bulk_docs} in request order;
     * pouchdb-server does not always when other writers are busy (3 of 300 concurrent requests here), and a caller
     * that took the i-th row for the i-th document then thought it had written one document when it had written
     * another (a node ran more tasks than its slots). Rows are matched by {@code _id} when every document has a
     * distinct one; otherwise they are taken as they come.
     */
    static List<JsonNode> inRequestOrder(List<JsonObject> docs, JsonNode answer) {
        List<JsonNode> rows = new ArrayList<>();
        answer.forEach(rows::add);
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode row : rows) {
            String id = CouchJson.textOrNull(row, "id");
            if (id == null || byId.put(id, row) != null) {
                return rows;
            }
        }
        List<JsonNode> ordered = new ArrayList<>();
        for (JsonObject doc : docs) {
            JsonNode row = byId.get(doc.id().orElse(null));
            if (row == null) {
                return rows;
            }
            ordered.add(row);
        }
        return ordered.size() == rows.size() ? ordered : rows;
    }

    /**
     * Every leaf revision of the document as all its copies hold them ({@code open_revs=all} read from all {@code n}
     * copies of a cluster's shard), the winner first; empty when the document was never written.
     */
    List<Leaf> leaves(String id) {
        String leavesPath = Urls.docPath(name, requireNonNull(id, "id is null"))
                + Urls.query(Map.of("open_revs", "all", "r", String.valueOf(copies())));
        CouchHttp.Response response = http.json("GET", leavesPath, null);
        if (response.status() == 404) {
            requireDatabase();
            return List.of();
        }
        return Leaf.fromOpenRevs(check(response, "GET", leavesPath).value("open_revs of " + id));
    }

    /** The content of revision {@code rev} of the document, if the server still keeps it. */
    Optional<JsonObject> revision(String id, String rev) {
        String revPath = Urls.docPath(name, requireNonNull(id, "id is null"))
                + Urls.query(Map.of("rev", requireNonNull(rev, "rev is null")));
        CouchHttp.Response response = http.json("GET", revPath, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(check(response, "GET", revPath).object("revision " + rev + " of " + id));
    }

    /** Deletes one leaf revision, a conflicting one included, without settling the answer. */
    void deleteRevision(String id, String rev) {
        String docPath = Urls.docPath(name, id) + Urls.query(Map.of("rev", rev));
        CouchHttp.Response response = http.json("DELETE", docPath, null);
        if (response.status() != 409) {
            check(response, "DELETE", docPath);
        }
    }

    /** How many copies the database keeps of each document ({@code cluster.n}; 1 on servers without a cluster). */
    private int copies() {
        if (copies == 0) {
            copies = Math.max(1, info().raw().path("cluster").path("n").asInt(1));
        }
        return copies;
    }

    public ViewResult allDocs(ViewQuery query) {
        return rows(path + "/_all_docs", query);
    }

    /** Queries the view {@code viewName} of the design document {@code designDoc} ("tasks" or "_design/tasks"). */
    public ViewResult view(String designDoc, String viewName, ViewQuery query) {
        return rows(viewPath(designDoc, viewName), query);
    }

    /** One page of {@code _all_docs}: at most {@code pageSize} rows and the bookmark of the next page. */
    ViewPage allDocsPage(ViewQuery query, int pageSize) {
        return page(path + "/_all_docs", query, pageSize);
    }

    /** One page of a view; continue with {@code query.from(page.next().get())} (see {@link Bookmark}). */
    ViewPage viewPage(String designDoc, String viewName, ViewQuery query, int pageSize) {
        return page(viewPath(designDoc, viewName), query, pageSize);
    }

    /** Stores {@code attachment} on revision {@code rev} of the document; returns the document's new revision. */
    public DocRef putAttachment(String id, String rev, String attachmentName, Attachment attachment) {
        requireNonNull(attachment, "attachment is null");
        String attachmentPath = attachmentPath(id, attachmentName)
                + (rev == null ? "" : Urls.query(Map.of("rev", rev)));
        CouchHttp.Response response = http.send("PUT", attachmentPath, attachment.bytes(),
                attachment.contentType(), CouchHttp.JSON, http.config().requestTimeout());
        if (response.status() == 409) {
            throw CouchErrors.conflict(name, id, rev);
        }
        return docRef(check(response, "PUT", attachmentPath), "PUT", attachmentPath);
    }

    /** The attachment's bytes and content type, or empty when the document or the attachment is missing. */
    public Optional<Attachment> getAttachment(String id, String attachmentName) {
        String attachmentPath = attachmentPath(id, attachmentName);
        CouchHttp.Response response = http.send("GET", attachmentPath, null, null, "*/*",
                http.config().requestTimeout());
        if (response.status() == 404) {
            requireDatabase();
            return Optional.empty();
        }
        check(response, "GET", attachmentPath);
        return Optional.of(new Attachment(response.contentType(), response.body()));
    }

    /**
     * Asks the server to compact the database, the views of each design document, and to remove the index files of
     * views that no longer exist ({@code _compact}, {@code _compact/DESIGN}, {@code _view_cleanup}). Each runs in the
     * background on the server; each outcome is reported, never thrown: those take a database admin, and
     * pouchdb-server does not offer every one of them.
     */
    List<Compaction> compact() {
        List<Compaction> outcomes = new ArrayList<>();
        outcomes.add(compaction("database", path + "/_compact"));
        var designs = allDocs(ViewQuery.all().startKey("_design/").endKey("_design0")).rows();
        for (ViewRow design : designs) {
            String ddoc = design.id().substring("_design/".length());
            outcomes.add(compaction("views of " + design.id(), path + "/_compact/" + Urls.segment(ddoc)));
        }
        outcomes.add(compaction("unused view indexes", path + "/_view_cleanup"));
        return outcomes;
    }

    private Compaction compaction(String what, String target) {
        CouchHttp.Response response;
        try {
            response = http.send("POST", target, "{}".getBytes(StandardCharsets.UTF_8), CouchHttp.JSON,
                    CouchHttp.JSON, http.config().requestTimeout());
        } catch (StoreException e) {
            return new Compaction(what, Compaction.Outcome.REFUSED, e.getMessage());
        }
        int status = response.status();
        String detail = "status=" + status + " error=\"" + CouchErrors.error(response) + "\" reason=\""
                + CouchErrors.reason(response) + "\"";
        if (response.ok()) {
            return new Compaction(what, Compaction.Outcome.STARTED, "");
        } else if (status == 401 || status == 403) {
            return new Compaction(what, Compaction.Outcome.REFUSED, "it takes a database admin (" + detail + ")");
        } else if (status == 400 || status == 404 || status == 405 || status == 501) {
            return new Compaction(what, Compaction.Outcome.NOT_SUPPORTED, detail);
        }
        return new Compaction(what, Compaction.Outcome.REFUSED, detail);
    }

    /**
     * One page of changes ({@code feed=normal}, or {@code longpoll} when the query says so). A longpoll that gets no
     * complete answer within its timeout plus the request timeout returns an empty page ending at {@code since}, so
     * servers that keep an idle longpoll open past its timeout behave like those that honour it.
     */
    ChangesPage changes(ChangesQuery query) {
        String feed = query.longpoll() ? "longpoll" : "normal";
        String changesPath = path + "/_changes" + Urls.query(query.parameters(feed, query.since()));
        Duration requestTimeout = http.config().requestTimeout();
        if (!query.longpoll()) {
            CouchHttp.Response response = http.send("GET", changesPath, null, null, CouchHttp.JSON, requestTimeout);
            return ChangesPage.from(check(response, "GET", changesPath).object("_changes"), query.since());
        }
        Duration wait = query.timeout() == null ? LONGPOLL_DEFAULT_TIMEOUT : query.timeout();
        CouchHttp.Response response = http.sendWithin("GET", changesPath, null, null, CouchHttp.JSON,
                requestTimeout.plus(wait));
        if (response == null) {
            requireDatabase();
            return new ChangesPage(List.of(), query.since() == null ? Seq.BEGINNING : query.since());
        }
        return ChangesPage.from(check(response, "GET", changesPath).object("_changes"), query.since());
    }

    /**
     * Follows the continuous changes feed on a background thread, handing each change to {@code consumer} in order.
     * Reconnects after a lost connection from the last delivered seq, backing off up to 30 s; close the feed to stop.
     * A consumer that throws is logged and the feed goes on. {@link Seq#NOW} is pinned to the database's current
     * seq at the first connection so that no change is lost across reconnects.
     */
    ChangesFeed follow(ChangesQuery query, Consumer<Change> consumer) {
        return follow(new ContinuousChanges(http, this, query), consumer);
    }

    /** {@link #follow} that skips changes whose line has more than {@code maxLine} bytes, for tests. */
    ChangesFeed follow(ChangesQuery query, int maxLine, Consumer<Change> consumer) {
        return follow(new ContinuousChanges(http, this, query, maxLine), consumer);
    }

    private ChangesFeed follow(ContinuousChanges source, Consumer<Change> consumer) {
        ChangesFeed feed = new ChangesFeed(source, consumer, feeds::remove);
        feeds.add(feed);
        feed.start();
        return feed;
    }

    String path() {
        return path;
    }

    /** Throws {@link dirt.store.DatabaseNotFoundException} unless the database exists. */
    void requireDatabase() {
        if (!exists()) {
            throw CouchErrors.databaseNotFound(http.config(), name);
        }
    }

    /** Returns the response if it is a success, else throws the matching store exception. */
    CouchHttp.Response check(CouchHttp.Response response, String method, String requestPath) {
        if (response.ok()) {
            return response;
        }
        if (response.status() == 404) {
            requireDatabase();
        }
        throw CouchErrors.status(http.config(), method, requestPath, response);
    }

    private ViewResult rows(String rowsPath, ViewQuery query) {
        String target = rowsPath + Urls.query(query.parameters());
        CouchHttp.Response response;
        if (query.postedKeys() == null) {
            response = http.json("GET", target, null);
        } else {
            ObjectNode body = CouchJson.MAPPER.createObjectNode();
            body.putArray("keys").addAll(query.postedKeys());
            response = http.json("POST", target, body);
        }
        return ViewResult.from(check(response, query.postedKeys() == null ? "GET" : "POST", target).object(rowsPath));
    }

    private ViewPage page(String rowsPath, ViewQuery query, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
        }
        return ViewPage.of(rows(rowsPath, query.limit(pageSize + 1)).rows(), pageSize, query.start());
    }

    private String viewPath(String designDoc, String viewName) {
        String ddoc = requireNonNull(designDoc, "designDoc is null").startsWith("_design/")
                ? designDoc.substring("_design/".length()) : designDoc;
        return path + "/_design/" + Urls.segment(ddoc) + "/_view/" + Urls.segment(requireNonNull(viewName));
    }

    private String attachmentPath(String id, String attachmentName) {
        StringBuilder attachmentPath = new StringBuilder(Urls.docPath(name, requireNonNull(id, "id is null")));
        for (String segment : requireNonNull(attachmentName, "attachmentName is null").split("/", -1)) {
            attachmentPath.append('/').append(Urls.segment(segment));
        }
        return attachmentPath.toString();
    }

    private static DocRef docRef(CouchHttp.Response response, String method, String requestPath) {
        JsonNode body = response.json(method + " /" + requestPath);
        String id = CouchJson.textOrNull(body, "id");
        String rev = CouchJson.textOrNull(body, "rev");
        if (id == null || rev == null) {
            throw new StoreException("CouchDB answered a write without id and rev: method=" + method + " path=\"/"
                    + requestPath + "\" — check that the URL points at a CouchDB server");
        }
        return new DocRef(id, rev);
    }

    @Override
    public String toString() {
        return "CouchDatabase[" + name + " at " + http.config().displayUrl() + "]";
    }
}
