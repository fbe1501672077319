package dirt.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (sshd, Chromium, a CouchDB release): without it the test is skipped on a
 * developer's machine, but fails in CI ({@code CI=true}), where a green build must include every test that matters.
 */
public final class Needed {
    private Needed() {
    }

    /** Whether this run is CI's: {@code CI=true}, as {@code .ci/run} sets it. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test (fails it in CI) with {@code why} when {@code present} is false. */
    public static void tool(boolean present, Supplier<String> why) {
        if (present) {
            return;
        }
        if (inCi()) {
            throw new IllegalStateException(why.get() + " — CI must run this test");
        }
        Assumptions.abort(why);
    }
}
