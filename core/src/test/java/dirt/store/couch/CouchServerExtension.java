package dirt.store.couch;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a CouchDB-compatible server: {@code @ExtendWith(CouchServerExtension.class)}, then take a
 * {@link TestCouch} parameter. One server serves the whole test JVM and is stopped when its tests end:
 * <ul>
 *   <li>{@code DIRT_TEST_COUCH_URL} set (credentials may be in the URL): that server;</li>
 *   <li>else {@code DIRT_TEST_COUCHDB_HOME} naming an Apache CouchDB release (what {@code ../shared/couchdb/install}
 *       makes): a single node started from it on a free loopback port, with an admin whose password is random
 *       ({@link TestCouch#url()} carries it). With {@code CI=true} a release that does not start fails the tests;
 *       elsewhere they fall back to pouchdb-server;</li>
 *   <li>else pouchdb-server, in memory on a free loopback port, installed into
 *       {@code $DIRT_REPO_ROOT/.tools/pouchdb} on first use.</li>
 * </ul>
 */
public final class CouchServerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CouchServerExtension.class);
    private static final String SERVER = "server";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestCouch.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedCouchServer shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SERVER, key -> Start.attempt(), Start.class).server();
        String testName = context.getTestMethod().map(method -> method.getName())
                .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(SERVER + ":test",
                key -> shared.newTestCouch(testName), TestCouch.class);
    }

    /** The JVM's one attempt to start its server: a server that did not start is not tried again for every test. */
    private record Start(SharedCouchServer started, RuntimeException failure)
            implements ExtensionContext.Store.CloseableResource {
        static Start attempt() {
            try {
                return new Start(SharedCouchServer.fromEnvironment(), null);
            } catch (RuntimeException e) {
                return new Start(null, e);
            }
        }

        SharedCouchServer server() {
            if (failure != null) {
                throw new ParameterResolutionException("cannot provide a CouchDB server for tests: "
                        + failure.getMessage(), failure);
            }
            return started;
        }

        @Override
        public void close() throws Exception {
            if (started != null) {
                started.close();
            }
        }
    }
}
