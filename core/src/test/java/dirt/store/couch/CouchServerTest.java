package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.store.Database;
import dirt.store.DatabaseAddress;
import dirt.store.RequestObserver;
import dirt.store.StoreException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link CouchServer#open}: a project's database as the command line opens it. */
@ExtendWith(CouchServerExtension.class)
final class CouchServerTest {
    @Test
    void an_opened_database_is_created_once_and_stores_documents(TestCouch couch) {
        String name = couch.newDatabaseName();
        try (Database db = CouchServer.open(address(couch, name), RequestObserver.NONE)) {
            assertThat(db.name()).isEqualTo(name);
            assertThat(db.createIfMissing()).isTrue();
            assertThat(db.createIfMissing()).isFalse();
            db.store().put(JacksonBridge.object(Docs.doc("a").put("kind", "build")));

            assertThat(couch.client().database(name).get("a").orElseThrow().path("kind").asText()).isEqualTo("build");
        }
    }

    @Test
    void an_opened_database_names_what_answers_and_shows_its_url_without_the_password(TestCouch couch) {
        try (Database db = CouchServer.open(address(couch, couch.newDatabaseName()), RequestObserver.NONE)) {
            assertThat(db.serverVersion()).matches("\\S.* \\S+");
            assertThat(db.displayUrl()).isEqualTo(couch.client().displayUrl());
            if (couch.config().password() != null) {
                assertThat(db.displayUrl()).doesNotContain(couch.config().password());
            }
        }
    }

    @Test
    void credentials_in_the_url_count_as_credentials() {
        var address = new DatabaseAddress(URI.create("http://ann:secret@127.0.0.1:5984"), "demo", Optional.empty(),
                Optional.empty(), CouchConfig.DEFAULT_CONNECT_TIMEOUT, CouchConfig.DEFAULT_REQUEST_TIMEOUT);

        assertThat(address.hasCredentials()).isTrue();
        assertThat(address.toString()).doesNotContain("secret");
        try (Database db = CouchServer.open(address, RequestObserver.NONE)) {
            assertThat(db.displayUrl()).isEqualTo("http://ann:***@127.0.0.1:5984");
        }
    }

    @Test
    void an_invalid_database_name_fails_when_opened() {
        var address = new DatabaseAddress(URI.create("http://127.0.0.1:5984"), "Not Valid", Optional.empty(),
                Optional.empty(), CouchConfig.DEFAULT_CONNECT_TIMEOUT, CouchConfig.DEFAULT_REQUEST_TIMEOUT);

        assertThat(address.hasCredentials()).isFalse();
        assertThatThrownBy(() -> CouchServer.open(address, RequestObserver.NONE)).isInstanceOf(StoreException.class)
                .hasMessageContaining("invalid database name: db=\"Not Valid\"");
    }

    private static DatabaseAddress address(TestCouch couch, String database) {
        CouchConfig config = couch.config();
        return new DatabaseAddress(config.url(), database, Optional.ofNullable(config.user()),
                Optional.ofNullable(config.password()), config.connectTimeout(), config.requestTimeout());
    }
}
