package dirt.store.couch;

import dirt.store.Database;
import dirt.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's view of the shared CouchDB-compatible server: a client, and fresh databases that are dropped after the
 * test. Get one as a parameter of a test method, {@code @BeforeEach} method or constructor of a class extended with
 * {@link CouchServerExtension}. Do not close its client: the server and client are shared by the whole test JVM.
 */
public final class TestCouch implements ExtensionContext.Store.CloseableResource {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final CouchClient client;
    private final String prefix;
    private final boolean realCouchDb;
    private final List<String> created = new ArrayList<>();
    private CouchDatabase database;

    TestCouch(CouchClient client, String testName, boolean realCouchDb) {
        this.client = client;
        this.prefix = "t" + COUNTER.incrementAndGet() + "_" + sanitize(testName);
        this.realCouchDb = realCouchDb;
    }

    /** The shared client; do not close it. */
    public CouchClient client() {
        return client;
    }

    public CouchConfig config() {
        return client.config();
    }

    /**
     * The server URL including credentials when it has any, for handing to code under test (e.g. {@code --couch});
     * never print it.
     */
    public String url() {
        return client.config().urlWithCredentials();
    }

    /**
     * Whether the server is Apache CouchDB (started from {@code DIRT_TEST_COUCHDB_HOME} or given by
     * {@code DIRT_TEST_COUCH_URL}) rather than pouchdb-server. Tests hold on both; this is for messages and for the
     * few facts only one of them has (e.g. CouchDB's attachment sandbox).
     */
    public boolean realCouchDb() {
        return realCouchDb;
    }

    /** This test's database, created on first use and dropped after the test. */
    public synchronized CouchDatabase database() {
        if (database == null) {
            database = newDatabase();
        }
        return database;
    }

    /** Another fresh, created database, dropped after the test. */
    public CouchDatabase newDatabase() {
        CouchDatabase fresh = client.database(newDatabaseName());
        fresh.createIfMissing();
        return fresh;
    }

    /** {@code db} as dirt's {@link Database}, over the shared client: closing it leaves the client open. */
    public Database asDatabase(CouchDatabase db) {
        return new OpenDatabase(client, db, () -> { });
    }

    /** {@code db} as dirt's {@link Store}, for tests outside this package (the CouchDB store is not public). */
    public static Store store(CouchDatabase db) {
        return new CouchStore(db);
    }

    /** A unique database name that is not created (dropped after the test should the code under test create it). */
    public synchronized String newDatabaseName() {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8) + "_" + created.size();
        created.add(name);
        return name;
    }

    /** Drops every database this handle named. */
    @Override
    public synchronized void close() {
        for (String name : created) {
            try {
                client.database(name).deleteIfExists();
            } catch (RuntimeException e) {
                // the server may already be gone; databases of an in-memory server vanish with it
            }
        }
        created.clear();
    }

    private static String sanitize(String testName) {
        String name = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        return name.length() > 60 ? name.substring(0, 60) : name;
    }

    @Override
    public String toString() {
        return "TestCouch[" + client.displayUrl() + ", prefix=" + prefix + "]";
    }
}
