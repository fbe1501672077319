package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void mask_hides_every_password_in_a_text() {
        assertThat(Urls.mask("from http://a:pw@h:1/x to https://b:p%40w@h2 and http://plain:5984"))
                .isEqualTo("from http://a:***@h:1/x to https://b:***@h2 and http://plain:5984");
    }

    @Test
    void a_malformed_url_never_shows_its_password() {
        assertThat(Urls.maskUrl("admin:s3cret@host:5984")).isEqualTo("admin:***@host:5984");
        assertThat(Urls.maskUrl("http//admin:s3cret@host")).isEqualTo("http//admin:***@host");
        assertThat(Urls.maskUrl("http://admin:se@cr:et@host")).isEqualTo("http://admin:***@host");
        assertThat(Urls.maskUrl("http://admin:s3cret@ho st:5984")).isEqualTo("http://admin:***@ho st:5984");
        assertThat(Urls.maskUrl("127.0.0.1:5984")).isEqualTo("127.0.0.1:5984");
    }

    @Test
    void mask_keeps_a_user_without_password() {
        assertThat(Urls.mask("http://alice@h:5984")).isEqualTo("http://alice@h:5984");
    }

    @Test
    void document_ids_are_encoded_but_design_and_local_prefixes_stay_literal() {
        assertThat(Urls.docPath("db", "a b/c+d")).isEqualTo("db/a%20b%2Fc%2Bd");
        assertThat(Urls.docPath("db", "_design/my app")).isEqualTo("db/_design/my%20app");
        assertThat(Urls.docPath("db", "_local/checkpoint")).isEqualTo("db/_local/checkpoint");
        assertThat(Urls.docPath("db", "ü")).isEqualTo("db/%C3%BC");
    }

    @Test
    void query_encodes_names_and_values() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("startkey", "[\"a b\",1]");
        params.put("limit", "5");

        assertThat(Urls.query(params)).isEqualTo("?startkey=%5B%22a%20b%22%2C1%5D&limit=5");
        assertThat(Urls.query(Map.of())).isEmpty();
    }
}
