package dirt.store.couch;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a CouchDB-compatible server: {@code @ExtendWith(CouchServerExtension.class)}, then take a
 * {@link TestCouch} parameter. One pouchdb-server (in memory, on a free loopback port) serves the whole test JVM; it
 * is installed into {@code $DIRT_REPO_ROOT/.tools/pouchdb} on first use and stopped when the JVM's tests end. With
 * {@code DIRT_TEST_COUCH_URL} set (credentials may be in the URL), that server is used instead.
 */
public final class CouchServerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CouchServerExtension.class);

    private final String serverKey;
    private final Supplier<SharedCouchServer> server;

    /** The shared local server, or {@code DIRT_TEST_COUCH_URL}. */
    public CouchServerExtension() {
        this("default", SharedCouchServer::fromEnvironment);
    }

    /** A server started elsewhere (e.g. a container); {@code config} is asked once, when the first test needs it. */
    public static CouchServerExtension forServer(String name, Supplier<CouchConfig> config) {
        return new CouchServerExtension("server:" + name, () -> SharedCouchServer.external(config.get()));
    }

    private CouchServerExtension(String serverKey, Supplier<SharedCouchServer> server) {
        this.serverKey = serverKey;
        this.server = server;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestCouch.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedCouchServer shared;
        try {
            shared = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(serverKey, key -> server.get(), SharedCouchServer.class);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide a CouchDB server for tests: " + e.getMessage(), e);
        }
        String testName = context.getTestMethod().map(method -> method.getName())
                .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(serverKey + ":test",
                key -> shared.newTestCouch(testName), TestCouch.class);
    }
}
