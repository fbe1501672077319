package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.store.DocumentRefusedException;
import dirt.store.StoreException;
import dirt.store.StoreTimeoutException;
import dirt.store.UnauthorizedException;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** How HTTP answers that a real server gives only in special setups map to exceptions; against a loopback stub. */
class CouchErrorMappingTest {
    private static final String CREDENTIALS_HINT = " — set [couch] user/password in settings.toml or"
            + " DIRT_COUCH_USER/DIRT_COUCH_PASSWORD, or put them in the URL";

    @Test
    void status_401_for_a_user_raises_unauthorized_naming_the_user_but_not_the_password() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> StubCouch.json(exchange, 401,
                "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}"));
             CouchClient client = CouchClient.create(CouchConfig.of(stub.url().replace("//", "//alice:wrong-pw@")))) {

            assertThatThrownBy(client::serverInfo)
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessage("CouchDB at " + stub.url().replace("//", "//alice:***@") + " refused the credentials"
                            + " for user \"alice\": status=401 reason=\"Name or password is incorrect.\""
                            + CREDENTIALS_HINT);
        }
    }

    @Test
    void status_401_without_credentials_says_that_anonymous_access_was_refused() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> StubCouch.json(exchange, 401,
                "{\"error\":\"unauthorized\",\"reason\":\"You are not authorized to access this db.\"}"));
             CouchClient client = CouchClient.create(CouchConfig.of(stub.url()))) {

            assertThatThrownBy(() -> client.database("tasks").get("t1"))
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessage("CouchDB at " + stub.url() + " refused anonymous access: status=401 reason=\"You are"
                            + " not authorized to access this db.\"" + CREDENTIALS_HINT);
        }
    }

    @Test
    void status_403_about_permissions_says_the_user_was_denied_not_that_the_credentials_were_wrong() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> StubCouch.json(exchange, 403,
                "{\"error\":\"forbidden\",\"reason\":\"You are not a server admin.\"}"));
             CouchClient client = CouchClient.create(CouchConfig.of(stub.url()).withCredentials("bob", "pw"))) {

            assertThatThrownBy(() -> client.database("tasks").createIfMissing())
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessage("CouchDB at " + stub.url().replace("//", "//bob:***@") + " denied user \"bob\" this"
                            + " request: status=403 reason=\"You are not a server admin.\" — the credentials were"
                            + " accepted, but lack the permission: use a user who has it (a database admin, or one"
                            + " with the role the request needs)" + CREDENTIALS_HINT);
        }
    }

    @Test
    void status_403_from_validate_doc_update_on_a_write_says_the_document_was_refused_and_quotes_the_reason() {
        String reason = "task \\\"rR-spaces\\\": requires cannot change once the task is posted — post a new task"
                + " instead";
        try (StubCouch stub = new StubCouch((exchange, n, self) -> StubCouch.json(exchange, 403,
                "{\"error\":\"forbidden\",\"reason\":\"" + reason + "\"}"));
             CouchClient client = CouchClient.create(CouchConfig.of(stub.url()).withCredentials("admin", "pw"))) {
            var doc = JacksonBridge.object(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("_id", "rR-spaces").put("_rev", "1-a").put("cancel", true));

            assertThatThrownBy(() -> client.database("tasks").put(doc))
                    .isInstanceOfSatisfying(DocumentRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo("task \"rR-spaces\": requires cannot change once the task is posted — post a new"
                                    + " task instead"))
                    .hasMessage("CouchDB refused the document: url=\"" + stub.url().replace("//", "//admin:***@")
                            + "\" method=PUT path=\"/tasks/rR-spaces\" status=403 reason=\"task \"rR-spaces\": requires"
                            + " cannot change once the task is posted — post a new task instead\" — the database's"
                            + " validate_doc_update refused it (the credentials were accepted): do as its reason says")
                    .hasMessageNotContaining("credentials for");
        }
    }

    @Test
    void other_errors_name_method_path_status_error_and_reason() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> StubCouch.json(exchange, 500,
                "{\"error\":\"os_process_error\",\"reason\":\"timeout\"}"));
             CouchClient client = CouchClient.create(CouchConfig.of(stub.url()))) {

            assertThatThrownBy(() -> client.database("tasks").view("app", "by_state", ViewQuery.all().key("done")))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessage("CouchDB request failed: url=\"" + stub.url() + "\" method=GET"
                            + " path=\"/tasks/_design/app/_view/by_state?key=%22done%22\" status=500"
                            + " error=\"os_process_error\" reason=\"timeout\" — see the CouchDB log for details");
        }
    }

    @Test
    void credentials_travel_in_an_authorization_header_and_never_in_the_request_line() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> StubCouch.json(exchange, 200,
                "{\"couchdb\":\"Welcome\",\"version\":\"3.3.3\",\"vendor\":{\"name\":\"stub\"}}"));
             CouchClient client = CouchClient.create(CouchConfig.of(stub.url().replace("//", "//alice:pw%40x@")))) {

            ServerInfo info = client.serverInfo();

            StubCouch.Request request = stub.requests().get(0);
            assertThat(info.vendor()).isEqualTo("stub");
            assertThat(info.version()).isEqualTo("3.3.3");
            assertThat(request.uri().toString()).isEqualTo("/");
            assertThat(request.authorization())
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:pw@x".getBytes()));
        }
    }

    @Test
    void an_answer_that_never_completes_times_out_with_the_request_named() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> {
            StubCouch.stream(exchange, "{\"rows\":[");
            self.holdUntilClosed();
        }); CouchClient client = CouchClient.create(CouchConfig.of(stub.url())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)))) {

            assertThatThrownBy(() -> client.database("tasks").allDocs(ViewQuery.all()))
                    .isExactlyInstanceOf(StoreTimeoutException.class)
                    .hasMessage("CouchDB did not answer in time: url=\"" + stub.url() + "\" method=GET"
                            + " path=\"/tasks/_all_docs\" timeout=500ms — check that the server is not overloaded,"
                            + " or raise the request timeout");
        }
    }

    @Test
    void an_answer_that_is_not_json_says_the_url_may_not_be_couchdb() {
        try (StubCouch stub = new StubCouch((exchange, n, self) -> {
            byte[] html = "<html>hello</html>".getBytes();
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
        }); CouchClient client = CouchClient.create(CouchConfig.of(stub.url()))) {

            assertThatThrownBy(client::serverInfo)
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("CouchDB answered with invalid JSON")
                    .hasMessageEndingWith("— check that the URL points at a CouchDB server");
        }
    }
}
