package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.store.RequestObserver;
import dirt.store.StoreUnreachableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client tells an observer of each request, as serve's metrics count them. */
@ExtendWith(CouchServerExtension.class)
class RequestObserverTest {
    /** What the observer heard, one line per request. */
    private static final class Heard implements RequestObserver {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void answered(String method, int status, Duration took) {
            lines.add(method + " " + status);
        }

        @Override
        public void unanswered(String method, Unanswered why, Duration took) {
            lines.add(method + " " + why);
        }
    }

    @Test
    void every_request_is_told_to_the_observer_with_its_status(TestCouch couch) {
        Heard heard = new Heard();
        try (CouchClient client = CouchClient.create(couch.config(), heard)) {
            CouchDatabase db = client.database(couch.database().name());

            assertThat(db.get("missing")).isEmpty();
            client.serverInfo();

            assertThat(heard.lines).containsSubsequence("GET 404", "GET 200");
        }
    }

    @Test
    void a_request_to_a_server_that_is_down_is_told_as_unreachable() {
        Heard heard = new Heard();
        int port = LocalTestCouch.freePort();
        try (CouchClient client = CouchClient.create(CouchConfig.of("http://127.0.0.1:" + port), heard)) {
            assertThatThrownBy(client::serverInfo).isInstanceOf(StoreUnreachableException.class);

            assertThat(heard.lines).containsExactly("GET UNREACHABLE");
        }
    }

    @Test
    void an_observer_that_throws_never_fails_the_request(TestCouch couch) {
        RequestObserver failing = new RequestObserver() {
            @Override
            public void answered(String method, int status, Duration took) {
                throw new IllegalStateException("observer broke");
            }

            @Override
            public void unanswered(String method, Unanswered why, Duration took) {
                throw new IllegalStateException("observer broke");
            }
        };
        try (CouchClient client = CouchClient.create(couch.config(), failing)) {
            assertThat(client.serverInfo()).isNotNull();
        }
    }
}
