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
        SharedCouchServer shared;
        try {
            shared = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SERVER, key -> SharedCouchServer.fromEnvironment(), SharedCouchServer.class);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide a CouchDB server for tests: " + e.getMessage(), e);
        }
        String testName = context.getTestMethod().map(method -> method.getName())
                .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(SERVER + ":test",
                key -> shared.newTestCouch(testName), TestCouch.class);
    }
}
