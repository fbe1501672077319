package dirt.transport.ssh;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for JSch state that has no callback (a channel closing). */
final class Waits {
    private static final long POLL_MILLIS = 10;

    private Waits() {
    }

    /** Whether {@code condition} became true within {@code timeout}; an interrupt ends the wait early. */
    static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
