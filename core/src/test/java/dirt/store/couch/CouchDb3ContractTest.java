package dirt.store.couch;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract against Apache CouchDB 3 in a container; skipped where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
final class CouchDb3ContractTest extends CouchContractTest {
    private static final String USER = "admin";
    private static final String PASSWORD = "dirt-test-secret";

    @Container
    static final GenericContainer<?> COUCHDB = new GenericContainer<>("couchdb:3")
            .withEnv("COUCHDB_USER", USER)
            .withEnv("COUCHDB_PASSWORD", PASSWORD)
            .withExposedPorts(5984)
            .waitingFor(Wait.forHttp("/_up").forPort(5984).forStatusCode(200));

    @RegisterExtension
    static final CouchServerExtension SERVER = CouchServerExtension.forServer("couchdb3", () -> CouchConfig
            .of("http://" + COUCHDB.getHost() + ":" + COUCHDB.getMappedPort(5984))
            .withCredentials(USER, PASSWORD));
}
