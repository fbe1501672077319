package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.store.StoreUnreachableException;
import org.junit.jupiter.api.Test;

class UnreachableServerTest {
    private static final String HINT = " — start it with 'dirt couch start', or point dirt at another server with"
            + " --couch URL or DIRT_COUCH_URL";

    @Test
    void a_dead_server_raises_store_unreachable_saying_how_to_start_one() {
        int port = LocalTestCouch.freePort();
        try (CouchClient client = CouchClient.create(CouchConfig.of("http://127.0.0.1:" + port))) {

            assertThatThrownBy(client::serverInfo)
                    .isInstanceOf(StoreUnreachableException.class)
                    .hasMessage("cannot reach CouchDB at http://127.0.0.1:" + port + ": connection refused" + HINT);
        }
    }

    @Test
    void the_message_for_a_dead_server_masks_the_password() {
        int port = LocalTestCouch.freePort();
        try (CouchClient client = CouchClient.create(CouchConfig.of("http://admin:s3cret@127.0.0.1:" + port))) {

            assertThatThrownBy(() -> client.database("tasks").get("t1"))
                    .isInstanceOf(StoreUnreachableException.class)
                    .hasMessage("cannot reach CouchDB at http://admin:***@127.0.0.1:" + port + ": connection refused"
                            + HINT);
        }
    }

    @Test
    void a_server_on_another_machine_is_not_said_to_be_started_with_dirt_couch_start() {
        try (CouchClient client = CouchClient.create(CouchConfig.of("http://couch.invalid:5984"))) {

            assertThatThrownBy(client::serverInfo)
                    .isInstanceOf(StoreUnreachableException.class)
                    .hasMessageStartingWith("cannot reach CouchDB at http://couch.invalid:5984: ")
                    .hasMessageEndingWith(" — check that it runs and that this machine reaches it, or point dirt at"
                            + " another server with --couch URL or DIRT_COUCH_URL")
                    .hasMessageNotContaining("dirt couch start");
        }
    }
}
