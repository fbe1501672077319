package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.store.StoreException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CouchConfigTest {

    @Test
    void credentials_in_the_url_move_out_of_it() {
        CouchConfig config = CouchConfig.of("http://admin:s3cret@couch.example:5984/");

        assertThat(config.url()).isEqualTo(URI.create("http://couch.example:5984"));
        assertThat(config.user()).isEqualTo("admin");
        assertThat(config.password()).isEqualTo("s3cret");
    }

    @Test
    void to_string_and_display_url_mask_the_password() {
        CouchConfig config = CouchConfig.of("http://admin:s3cret@couch.example:5984");

        assertThat(config.displayUrl()).isEqualTo("http://admin:***@couch.example:5984");
        assertThat(config.toString())
                .isEqualTo("CouchConfig[url=http://admin:***@couch.example:5984, connectTimeout=PT5S,"
                        + " requestTimeout=PT30S]")
                .doesNotContain("s3cret");
    }

    @Test
    void credentials_from_settings_are_masked_the_same_way() {
        CouchConfig config = CouchConfig.of("http://127.0.0.1:5984").withCredentials("dirt", "hunter2");

        assertThat(config.displayUrl()).isEqualTo("http://dirt:***@127.0.0.1:5984");
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void percent_encoded_credentials_are_decoded_and_encoded_again_for_other_processes() {
        CouchConfig config = CouchConfig.of("http://ad%40min:p%3Ass%2Fw%40rd@127.0.0.1:5984");

        assertThat(config.user()).isEqualTo("ad@min");
        assertThat(config.password()).isEqualTo("p:ss/w@rd");
        assertThat(CouchConfig.of(config.urlWithCredentials())).isEqualTo(config);
    }

    @Test
    void a_url_without_credentials_is_shown_as_is_and_a_trailing_slash_is_dropped() {
        CouchConfig config = CouchConfig.of("https://couch.example/prefix/");

        assertThat(config.hasCredentials()).isFalse();
        assertThat(config.displayUrl()).isEqualTo("https://couch.example/prefix");
    }

    @Test
    void defaults_are_five_seconds_to_connect_and_thirty_to_answer() {
        CouchConfig config = CouchConfig.of("http://127.0.0.1:5984");

        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void an_unsupported_scheme_is_rejected_without_showing_the_password() {
        assertThatThrownBy(() -> CouchConfig.of("ftp://admin:s3cret@couch.example"))
                .isInstanceOf(StoreException.class)
                .hasMessage("invalid CouchDB URL: url=\"ftp://admin:***@couch.example\" reason=\"the scheme must be"
                        + " http or https\" — use a URL like http://127.0.0.1:5984 or http://user:password@host:5984");
    }

    @Test
    void a_malformed_url_is_rejected_without_showing_the_password() {
        assertThatThrownBy(() -> CouchConfig.of("http://admin:s3 cret@couch.example"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("invalid CouchDB URL: url=\"http://admin:***@couch.example\"")
                .hasMessageNotContaining("s3 cret");
    }

    @Test
    void a_password_without_a_user_is_rejected() {
        assertThatThrownBy(() -> CouchConfig.of("http://127.0.0.1:5984").withCredentials(null, "secret"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("a password is set but no user");
    }
}
