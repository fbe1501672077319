package dirt.store.couch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who may write without credentials, as serve checks it at start (it warns when that is anyone). */
@ExtendWith(CouchServerExtension.class)
class WritableByAnyoneTest {

    @Test
    void couchdb_3_keeps_a_new_database_to_its_admins_and_opens_it_once_its_members_are_emptied(TestCouch couch)
            throws Exception {
        assumeThat(couch.realCouchDb()).as("Apache CouchDB: databases are admin-only by default").isTrue();
        CouchDatabase db = couch.newDatabase();

        assertThat(db.writableByAnyone()).isFalse();

        String pair = couch.config().user() + ":" + couch.config().password();
        HttpRequest open = HttpRequest.newBuilder(URI.create(couch.config().url() + "/" + db.name() + "/_security"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"members\": {\"names\": [], \"roles\": []}}")).build();
        assertThat(HttpClient.newHttpClient().send(open, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(db.writableByAnyone()).isTrue();

        db.put(CouchJson.MAPPER.createObjectNode().put("_id", "_design/only-named").put("validate_doc_update",
                "function (newDoc, oldDoc, userCtx) { if (!userCtx.name) { throw({forbidden: 'sign in'}); } }"));
        assertThat(db.writableByAnyone()).as("validation refuses anonymous writers").isFalse();
    }

    @Test
    void pouchdb_server_lets_anyone_write(TestCouch couch) {
        assumeThat(couch.realCouchDb()).as("pouchdb-server: an admin party").isFalse();

        assertThat(couch.newDatabase().writableByAnyone()).isTrue();
    }

    @Test
    void checking_leaves_no_document_behind(TestCouch couch) {
        CouchDatabase db = couch.newDatabase();
        long before = db.info().docCount();

        db.writableByAnyone();

        assertThat(db.info().docCount()).isEqualTo(before);
    }
}
