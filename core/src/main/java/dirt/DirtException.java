package dirt;

/**
 * The root of every failure dirt reports. Messages say what failed, the context as key="value", and what to do,
 * for example: {@code cannot reach CouchDB at http://127.0.0.1:5999: connection refused — start it with 'dirt couch start'}.
 * Subtypes exist per failure domain so that callers can tell them apart; the CLI prints the message and maps the
 * subtype to an exit code.
 */
public class DirtException extends RuntimeException {
    public DirtException(String message) {
        super(message);
    }

    public DirtException(String message, Throwable cause) {
        super(message, cause);
    }
}
