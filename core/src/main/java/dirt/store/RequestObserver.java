package dirt.store;

import java.time.Duration;

/**
 * Told of every request a client sends to the database (the changes feed's long-lived connection aside), for
 * metrics. Called on the requesting thread: it must be quick, and what it throws is ignored.
 */
public interface RequestObserver {
    /** Tells nobody. */
    RequestObserver NONE = new RequestObserver() {
        @Override
        public void answered(String method, int status, Duration took) {
        }

        @Override
        public void unanswered(String method, Unanswered why, Duration took) {
        }
    };

    /** Why a request got no answer. */
    enum Unanswered {
        /** No complete answer within the request timeout. */
        TIMEOUT,
        /** The server could not be reached, or the connection broke. */
        UNREACHABLE
    }

    /** The database answered {@code method} with HTTP {@code status} after {@code took}. */
    void answered(String method, int status, Duration took);

    /** {@code method} got no answer after {@code took}. */
    void unanswered(String method, Unanswered why, Duration took);
}
