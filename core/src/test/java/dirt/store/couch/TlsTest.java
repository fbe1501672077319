package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.store.StoreException;
import org.junit.jupiter.api.Test;

/** A plain-HTTP client skips the JDK's TLS set-up; an https URL still gets it. */
class TlsTest {
    @Test
    void an_https_url_speaks_tls_with_the_jdks_default_context() {
        try (StubCouch plainHttp = new StubCouch((exchange, n, stub) -> StubCouch.json(exchange, 200, "{}"));
                CouchClient client = CouchClient.create(CouchConfig.of(plainHttp.url().replace("http:", "https:")))) {

            assertThatThrownBy(client::serverInfo)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("https://127.0.0.1:")
                    .hasMessageNotContaining("not initialized");
        }
    }

    @Test
    void a_plain_http_url_works_without_tls() {
        try (StubCouch plainHttp = new StubCouch((exchange, n, stub) -> StubCouch.json(exchange, 200,
                "{\"couchdb\": \"Welcome\", \"version\": \"3.5.0\"}"));
                CouchClient client = CouchClient.create(CouchConfig.of(plainHttp.url()))) {

            assertThat(client.serverInfo().version()).isEqualTo("3.5.0");
        }
    }
}
