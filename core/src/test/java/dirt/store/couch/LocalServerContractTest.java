package dirt.store.couch;

import org.junit.jupiter.api.extension.ExtendWith;

/** The contract against the shared pouchdb-server (or {@code DIRT_TEST_COUCH_URL}). */
@ExtendWith(CouchServerExtension.class)
final class LocalServerContractTest extends CouchContractTest {
}
