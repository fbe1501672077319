package dirt.store.couch;

import static dirt.store.couch.Docs.designDoc;
import static dirt.store.couch.Docs.doc;
import static dirt.store.couch.Docs.withRev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JsonArray;
import dirt.json.JsonNumber;
import dirt.json.JsonString;
import dirt.store.ConflictException;
import dirt.store.DatabaseNotFoundException;
import dirt.store.UnauthorizedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What dirt needs from a CouchDB server, run against the server of the test JVM: Apache CouchDB 3 single node
 * ({@code DIRT_TEST_COUCHDB_HOME}, as in CI), pouchdb-server, or {@code DIRT_TEST_COUCH_URL}. Depends on no server's
 * quirks: seqs stay opaque, {@code _changes} of a sharded database promise no order between documents (only that a
 * document appears once, at its latest revision), and waits are bounded.
 */
@ExtendWith(CouchServerExtension.class)
final class CouchContractTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BY_KIND = "function (doc) { if (doc.kind) { emit(doc.kind, doc.size || 1); } }";

    TestCouch couch;
    CouchDatabase db;

    @BeforeEach
    void useFreshDatabase(TestCouch couch) {
        this.couch = couch;
        this.db = couch.database();
    }

    // ---- server and databases

    @Test
    void server_info_names_a_vendor_and_a_version() {
        ServerInfo info = couch.client().serverInfo();

        assertThat(info.vendor()).isNotBlank();
        assertThat(info.version()).isNotBlank();
    }

    @Test
    void create_if_missing_creates_once_and_delete_if_exists_removes_it() {
        CouchDatabase fresh = couch.client().database(couch.newDatabaseName());

        assertThat(fresh.exists()).isFalse();
        assertThat(fresh.createIfMissing()).isTrue();
        assertThat(fresh.createIfMissing()).isFalse();
        assertThat(fresh.exists()).isTrue();
        assertThat(couch.client().allDbs()).contains(fresh.name());
        assertThat(fresh.deleteIfExists()).isTrue();
        assertThat(fresh.deleteIfExists()).isFalse();
        assertThat(fresh.exists()).isFalse();
    }

    @Test
    void database_info_counts_documents_and_keeps_the_update_seq_opaque() {
        db.put(doc("a"));
        db.put(doc("b"));

        DatabaseInfo info = db.info();

        assertThat(info.name()).isEqualTo(db.name());
        assertThat(info.docCount()).isEqualTo(2);
        assertThat(info.raw().has("update_seq")).isTrue();
        assertThat(info.updateSeq().value()).isEqualTo(info.raw().get("update_seq"));
    }

    @Test
    void a_missing_database_raises_database_not_found_naming_it() {
        CouchDatabase missing = couch.client().database(couch.newDatabaseName());

        assertThatThrownBy(() -> missing.get("anything"))
                .isInstanceOf(DatabaseNotFoundException.class)
                .hasMessage("database not found: db=\"" + missing.name() + "\" url=\"" + couch.client().displayUrl()
                        + "\" — create it with 'dirt push'");
        assertThatThrownBy(missing::info).isInstanceOf(DatabaseNotFoundException.class);
        assertThatThrownBy(() -> missing.put(doc("a"))).isInstanceOf(DatabaseNotFoundException.class);
        assertThatThrownBy(() -> missing.changes(ChangesQuery.fromBeginning()))
                .isInstanceOf(DatabaseNotFoundException.class);
    }

    @Test
    void wrong_credentials_raise_unauthorized_without_showing_the_password() {
        assumeThat(couch.config().hasCredentials()).as("the server has credentials").isTrue();
        CouchConfig wrong = couch.config().withCredentials(couch.config().user(), "not-the-password");

        try (CouchClient client = CouchClient.create(wrong)) {
            assertThatThrownBy(() -> client.database(db.name()).get("a"))
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessageStartingWith("CouchDB at " + wrong.displayUrl() + " refused the credentials for user \""
                            + wrong.user() + "\"")
                    .hasMessageNotContaining("not-the-password");
        }
    }

    // ---- documents

    @Test
    void put_then_get_returns_the_document_with_its_unknown_fields() {
        ObjectNode written = doc("r1").put("type", "record").put("future_field", "kept");
        written.putObject("nested").put("big", 9007199254740991L); // the largest integer JavaScript servers keep

        DocRef ref = db.put(written);
        ObjectNode read = db.get("r1").orElseThrow();

        assertThat(ref.id()).isEqualTo("r1");
        assertThat(read.get("_rev").asText()).isEqualTo(ref.rev());
        assertThat(read.get("future_field").asText()).isEqualTo("kept");
        assertThat(read.get("nested").get("big").asLong()).isEqualTo(9007199254740991L);
    }

    @Test
    void update_with_the_current_rev_gives_a_new_rev() {
        DocRef first = db.put(doc("r1").put("state", "new"));

        DocRef second = db.put(withRev(doc("r1").put("state", "done"), first));

        assertThat(second.rev()).isNotEqualTo(first.rev());
        assertThat(db.get("r1").orElseThrow().get("state").asText()).isEqualTo("done");
    }

    @Test
    void put_with_a_stale_rev_raises_conflict_exception() {
        DocRef first = db.put(doc("task1").put("state", "waiting"));
        db.put(withRev(doc("task1").put("state", "claimed"), first));

        assertThatThrownBy(() -> db.put(withRev(doc("task1").put("state", "claimed-too"), first)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("document update conflict: db=\"" + db.name() + "\" id=\"task1\" rev=\"" + first.rev()
                        + "\" — reload the document and apply the change again");
    }

    @Test
    void put_without_rev_over_an_existing_document_raises_conflict_exception() {
        db.put(doc("task1"));

        assertThatThrownBy(() -> db.put(doc("task1"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void post_stores_a_document_under_a_server_chosen_id() {
        DocRef ref = db.post(Docs.anonymous().put("type", "task"));

        assertThat(ref.id()).isNotBlank();
        assertThat(db.get(ref.id()).orElseThrow().get("type").asText()).isEqualTo("task");
    }

    @Test
    void delete_with_the_current_rev_removes_the_document_and_a_stale_rev_conflicts() {
        DocRef first = db.put(doc("gone"));
        DocRef second = db.put(withRev(doc("gone"), first));

        assertThatThrownBy(() -> db.delete("gone", first.rev())).isInstanceOf(ConflictException.class);
        db.delete("gone", second.rev());

        assertThat(db.get("gone")).isEmpty();
    }

    @Test
    void get_of_a_missing_document_is_empty() {
        assertThat(db.get("never-written")).isEmpty();
    }

    @Test
    void ids_with_spaces_slashes_and_unicode_round_trip() {
        String id = "rev 12/linux+gcc ü?&#";

        db.put(doc(id).put("ok", true));

        assertThat(db.get(id).orElseThrow().get("_id").asText()).isEqualTo(id);
        assertThat(db.allDocs(ViewQuery.all().key(id)).rows()).extracting(ViewRow::id).containsExactly(id);
    }

    @Test
    void bulk_docs_reports_a_conflict_for_that_document_only() {
        db.put(doc("taken"));

        List<BulkResult> results = db.bulkDocs(List.of(doc("fresh1"), doc("taken"), doc("fresh2")));

        assertThat(results).extracting(BulkResult::id).containsExactly("fresh1", "taken", "fresh2");
        assertThat(results).extracting(BulkResult::ok).containsExactly(true, false, true);
        assertThat(results.get(1).conflict()).isTrue();
        assertThat(results.get(0).rev()).isNotBlank();
        assertThat(db.get("fresh2")).isPresent();
    }

    // ---- _all_docs

    @Test
    void all_docs_pages_by_limit_skip_keys_range_and_descending() {
        db.bulkDocs(List.of(doc("a"), doc("b"), doc("c"), doc("d"), doc("e")));

        assertThat(ids(db.allDocs(ViewQuery.all().limit(2).skip(1)))).containsExactly("b", "c");
        assertThat(ids(db.allDocs(ViewQuery.all().startKey("b").endKey("d")))).containsExactly("b", "c", "d");
        assertThat(ids(db.allDocs(ViewQuery.all().descending(true).limit(2)))).containsExactly("e", "d");
        assertThat(db.allDocs(ViewQuery.all().keys(List.of("d", "nope", "a"))).rows())
                .extracting(ViewRow::key)
                .containsExactly(new JsonString("d"), new JsonString("nope"), new JsonString("a"));
        assertThat(db.allDocs(ViewQuery.all().keys(List.of("nope"))).rows().get(0).error()).isNotBlank();
        ViewResult withDocs = db.allDocs(ViewQuery.all().key("c").includeDocs(true));
        assertThat(withDocs.rows().get(0).doc().id().orElseThrow()).isEqualTo("c");
        assertThat(withDocs.totalRows()).hasValue(5);
    }

    @Test
    void all_docs_bookmark_paging_visits_every_document_once() {
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            docs.add(doc("doc" + i));
        }
        db.bulkDocs(docs);

        List<String> seen = new ArrayList<>();
        ViewQuery query = ViewQuery.all();
        int pages = 0;
        while (pages < 10) {
            ViewPage page = db.allDocsPage(query, 3);
            pages++;
            page.rows().forEach(row -> seen.add(row.id()));
            if (page.next().isEmpty()) {
                break;
            }
            query = query.from(page.next().get());
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("doc0", "doc1", "doc2", "doc3", "doc4", "doc5", "doc6");
    }

    // ---- views

    @Test
    void a_design_document_round_trips_like_any_document() {
        db.put(designDoc("tasks", "by_kind", BY_KIND, "_sum"));

        ObjectNode read = db.get("_design/tasks").orElseThrow();

        assertThat(read.at("/views/by_kind/map").asText()).isEqualTo(BY_KIND);
        assertThat(read.at("/views/by_kind/reduce").asText()).isEqualTo("_sum");
    }

    @Test
    void a_view_is_queried_by_key_range_limit_and_skip() {
        givenKindsView();

        assertThat(ids(db.view("kinds", "by_kind", ViewQuery.all().reduce(false).key("build"))))
                .containsExactly("b1", "b2", "b3");
        assertThat(ids(db.view("_design/kinds", "by_kind",
                ViewQuery.all().reduce(false).startKey("build").endKey("lint"))))
                .containsExactly("b1", "b2", "b3", "l1");
        assertThat(ids(db.view("kinds", "by_kind", ViewQuery.all().reduce(false).limit(2).skip(2))))
                .containsExactly("b3", "l1");
        assertThat(ids(db.view("kinds", "by_kind", ViewQuery.all().reduce(false).descending(true).limit(1))))
                .containsExactly("t2");
        assertThat(ids(db.view("kinds", "by_kind", ViewQuery.all().reduce(false).keys(List.of("test", "lint")))))
                .containsExactly("t1", "t2", "l1");
        assertThat(db.view("kinds", "by_kind",
                ViewQuery.all().reduce(false).key("lint").includeDocs(true)).rows().get(0).doc().number("size")
                .orElseThrow().intValue())
                .isEqualTo(5);
    }

    @Test
    void a_view_reduces_in_total_per_key_and_per_group_level() {
        givenKindsView();
        db.put(designDoc("pairs", "by_pair", "function (doc) { if (doc.kind) { emit([doc.kind, doc._id], 1); } }",
                "_count"));

        assertThat(db.view("kinds", "by_kind", ViewQuery.all()).rows().get(0).value()).isEqualTo(JsonNumber.of(22));
        ViewResult grouped = db.view("kinds", "by_kind", ViewQuery.all().group(true));
        assertThat(grouped.rows()).extracting(row -> ((JsonString) row.key()).value() + "=" + row.value())
                .containsExactly("build=6", "lint=5", "test=11");
        ViewResult level1 = db.view("pairs", "by_pair", ViewQuery.all().groupLevel(1));
        assertThat(level1.rows())
                .extracting(row -> ((JsonString) ((JsonArray) row.key()).get(0)).value() + "=" + row.value())
                .containsExactly("build=3", "lint=1", "test=2");
    }

    @Test
    void view_bookmark_paging_visits_every_row_once_even_with_duplicate_keys() {
        givenKindsView();

        assertThat(pagedIds(ViewQuery.all().reduce(false), 2)).containsExactly("b1", "b2", "b3", "l1", "t1", "t2");
        assertThat(pagedIds(ViewQuery.all().reduce(false), 1)).containsExactly("b1", "b2", "b3", "l1", "t1", "t2");
        assertThat(pagedIds(ViewQuery.all().reduce(false).descending(true), 2))
                .containsExactly("t2", "t1", "l1", "b3", "b2", "b1");
        assertThat(pagedIds(ViewQuery.all().reduce(false).startKey("build").endKey("lint"), 2))
                .containsExactly("b1", "b2", "b3", "l1");
    }

    @Test
    void view_paging_by_skip_visits_every_row_once() {
        givenKindsView();

        List<String> seen = new ArrayList<>();
        for (int skip = 0; skip < 6; skip += 4) {
            seen.addAll(ids(db.view("kinds", "by_kind", ViewQuery.all().reduce(false).skip(skip).limit(4))));
        }

        assertThat(seen).containsExactly("b1", "b2", "b3", "l1", "t1", "t2");
    }

    @Test
    void querying_a_missing_view_of_an_existing_database_is_a_store_error_not_a_missing_database() {
        assertThatThrownBy(() -> db.view("nope", "nope", ViewQuery.all()))
                .isInstanceOf(dirt.store.StoreException.class)
                .isNotInstanceOf(DatabaseNotFoundException.class)
                .hasMessageContaining("status=404");
    }

    // ---- attachments

    @Test
    void a_five_megabyte_binary_attachment_round_trips_byte_identical_with_its_content_type() {
        byte[] bytes = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(bytes);
        DocRef ref = db.put(doc("with-file"));

        DocRef updated = db.putAttachment("with-file", ref.rev(), "output/log.bin",
                new Attachment("application/x-dirt-test", bytes));
        Attachment read = db.getAttachment("with-file", "output/log.bin").orElseThrow();

        assertThat(updated.rev()).isNotEqualTo(ref.rev());
        assertThat(read.contentType()).startsWith("application/x-dirt-test");
        assertThat(read.length()).isEqualTo(bytes.length);
        assertThat(read.bytes()).isEqualTo(bytes);
    }

    @Test
    void a_missing_attachment_is_empty() {
        db.put(doc("plain"));

        assertThat(db.getAttachment("plain", "nothing.txt")).isEmpty();
        assertThat(db.getAttachment("no-such-doc", "nothing.txt")).isEmpty();
    }

    @Test
    void an_inline_base64_attachment_of_a_design_document_reads_back_as_raw_bytes() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13};
        ObjectNode ddoc = designDoc("web", "all", "function (doc) { emit(doc._id, null); }", null);
        ddoc.putObject("_attachments").putObject("index.bin").put("content_type", "application/octet-stream")
                .put("data", Base64.getEncoder().encodeToString(bytes));
        db.put(ddoc);

        Attachment read = db.getAttachment("_design/web", "index.bin").orElseThrow();

        assertThat(read.bytes()).isEqualTo(bytes);
        assertThat(read.contentType()).startsWith("application/octet-stream");
    }

    // ---- changes

    @Test
    void changes_since_a_seq_return_only_later_documents_each_once_at_its_latest_revision() {
        db.put(doc("before"));
        Seq since = db.changes(ChangesQuery.fromBeginning()).lastSeq();
        DocRef first = db.put(doc("after1"));
        db.put(doc("after2"));
        DocRef latest = db.put(withRev(doc("after1").put("state", "updated"), first));

        ChangesPage page = db.changes(ChangesQuery.since(since));

        assertThat(page.results()).extracting(Change::id).containsExactlyInAnyOrder("after1", "after2");
        Change updated = page.results().stream().filter(c -> c.id().equals("after1")).findFirst().orElseThrow();
        assertThat(updated.revs()).containsExactly(latest.rev());
        assertThat(db.changes(ChangesQuery.since(page.lastSeq())).results()).isEmpty();
    }

    @Test
    void changes_report_deletions_and_include_documents_on_request() {
        DocRef ref = db.put(doc("short-lived").put("n", 1));
        db.put(doc("kept").put("n", 2));
        db.delete("short-lived", ref.rev());

        ChangesPage page = db.changes(ChangesQuery.fromBeginning().withIncludeDocs(true));

        assertThat(page.results()).extracting(Change::id).containsExactlyInAnyOrder("short-lived", "kept");
        Change deleted = page.results().stream().filter(c -> c.id().equals("short-lived")).findFirst().orElseThrow();
        Change kept = page.results().stream().filter(c -> c.id().equals("kept")).findFirst().orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(kept.deleted()).isFalse();
        assertThat(kept.doc().number("n")).contains(JsonNumber.of(2));
    }

    @Test
    void longpoll_returns_when_a_document_arrives() throws Exception {
        Seq since = db.changes(ChangesQuery.fromBeginning()).lastSeq();
        CompletableFuture<ChangesPage> poll = CompletableFuture.supplyAsync(
                () -> db.changes(ChangesQuery.since(since).withLongpoll(Duration.ofSeconds(20))));

        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !poll.isDone());
        db.put(doc("arrived"));

        ChangesPage page = poll.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(page.results()).extracting(Change::id).containsExactly("arrived");
    }

    @Test
    void longpoll_without_changes_returns_an_empty_page_soon_after_its_timeout() {
        Seq since = db.changes(ChangesQuery.fromBeginning()).lastSeq();
        CouchConfig quick = couch.config().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));

        try (CouchClient client = CouchClient.create(quick)) {
            ChangesPage page = client.database(db.name())
                    .changes(ChangesQuery.since(since).withLongpoll(Duration.ofMillis(300)));

            assertThat(page.results()).isEmpty();
        }
    }

    @Test
    void a_continuous_feed_delivers_a_new_document_with_its_body() {
        List<Change> received = new CopyOnWriteArrayList<>();
        try (ChangesFeed feed = db.follow(ChangesQuery.since(Seq.NOW).withIncludeDocs(true), received::add)) {
            await().atMost(WAIT).until(() -> feed.lastSeq().isPresent());
            db.put(doc("new-task").put("state", "waiting"));

            await().atMost(WAIT).until(() -> !received.isEmpty());
            assertThat(received.get(0).id()).isEqualTo("new-task");
            assertThat(received.get(0).doc().string("state")).contains("waiting");
        }
    }

    @Test
    void a_continuous_feed_from_the_beginning_delivers_every_existing_document() {
        db.bulkDocs(List.of(doc("one"), doc("two"), doc("three")));
        List<String> received = new CopyOnWriteArrayList<>();

        try (ChangesFeed feed = db.follow(ChangesQuery.fromBeginning(), change -> received.add(change.id()))) {
            await().atMost(WAIT).until(() -> received.size() == 3);
            assertThat(received).containsExactlyInAnyOrder("one", "two", "three");
            assertThat(feed.lastSeq()).isPresent();
        }
    }

    @Test
    void a_continuous_feed_stays_connected_across_heartbeats() {
        List<Change> received = new CopyOnWriteArrayList<>();
        ChangesQuery query = ChangesQuery.since(Seq.NOW).withHeartbeat(Duration.ofMillis(200));
        try (ChangesFeed feed = db.follow(query, received::add)) {
            await().atMost(WAIT).until(() -> feed.lastSeq().isPresent());

            await().during(Duration.ofMillis(1200)).atMost(WAIT).until(() -> feed.reconnects() == 0);
            db.put(doc("after-quiet"));

            await().atMost(WAIT).until(() -> !received.isEmpty());
            assertThat(received).extracting(Change::id).containsExactly("after-quiet");
            assertThat(feed.reconnects()).isZero();
        }
    }

    @Test
    void a_consumer_that_throws_does_not_stop_the_feed() {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ChangesFeed feed = db.follow(ChangesQuery.since(Seq.NOW), change -> {
            received.add(change.id());
            if (change.id().equals("poison")) {
                throw new IllegalStateException("bad document");
            }
        })) {
            await().atMost(WAIT).until(() -> feed.lastSeq().isPresent());
            db.put(doc("poison"));
            db.put(doc("good"));

            await().atMost(WAIT).until(() -> received.size() == 2);
            assertThat(received).containsExactlyInAnyOrder("poison", "good");
        }
    }

    @Test
    void a_filtered_feed_delivers_only_what_the_filter_lets_through() {
        ObjectNode ddoc = doc("_design/dirt");
        ddoc.putObject("filters").put("by_kind",
                "function (doc, req) { return doc.kind === req.query.kind; }");
        db.put(ddoc);
        Seq since = db.changes(ChangesQuery.fromBeginning()).lastSeq();
        db.put(doc("r1").put("kind", "record"));
        db.put(doc("t1").put("kind", "task"));

        ChangesPage page = db.changes(ChangesQuery.since(since).withFilter("dirt/by_kind", Map.of("kind", "task")));

        assertThat(page.results()).extracting(Change::id).containsExactly("t1");
    }

    @Test
    void closing_a_feed_ends_its_thread_promptly() {
        ChangesFeed feed = db.follow(ChangesQuery.since(Seq.NOW), change -> { });
        await().atMost(WAIT).until(() -> feed.lastSeq().isPresent());

        feed.close();

        assertThat(feed.isRunning()).isFalse();
    }

    private void givenKindsView() {
        db.put(designDoc("kinds", "by_kind", BY_KIND, "_sum"));
        db.bulkDocs(List.of(
                doc("b1").put("kind", "build").put("size", 1),
                doc("b2").put("kind", "build").put("size", 2),
                doc("b3").put("kind", "build").put("size", 3),
                doc("l1").put("kind", "lint").put("size", 5),
                doc("t1").put("kind", "test").put("size", 4),
                doc("t2").put("kind", "test").put("size", 7),
                doc("no-kind")));
    }

    private List<String> pagedIds(ViewQuery query, int pageSize) {
        List<String> seen = new ArrayList<>();
        ViewPage page = db.viewPage("kinds", "by_kind", query, pageSize);
        page.rows().forEach(row -> seen.add(row.id()));
        for (int pages = 1; page.hasNext() && pages < 20; pages++) {
            page = db.viewPage("kinds", "by_kind", query.from(page.next().orElseThrow()), pageSize);
            page.rows().forEach(row -> seen.add(row.id()));
        }
        return seen;
    }

    private static List<String> ids(ViewResult result) {
        return result.rows().stream().map(ViewRow::id).toList();
    }
}
