package dirt.localcouch;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/**
 * The Apache CouchDB release that tests of {@code dirt couch start --release} run: {@code $DIRT_TEST_COUCHDB_HOME}
 * (what {@code ../shared/couchdb/install DEST} makes). Without it such tests are skipped, except in CI
 * ({@code CI=true}), where they fail so that a missing release is never mistaken for a pass.
 */
public final class TestCouchRelease {
    public static final String HOME_ENV = "DIRT_TEST_COUCHDB_HOME";

    private TestCouchRelease() {
    }

    /** The release folder; skips the calling test when it is not set outside CI, fails it in CI. */
    public static Path dir() {
        String home = System.getenv(HOME_ENV);
        if (home == null || home.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(HOME_ENV + " is not set: CI must test 'dirt couch start --release' against a real CouchDB —"
                        + " install one with ../shared/couchdb/install DEST and export " + HOME_ENV + "=DEST");
            }
            assumeTrue(false, HOME_ENV + " is not set: no CouchDB release to test 'dirt couch start --release' with");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }
}
