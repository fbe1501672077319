package dirt.json;

import dirt.DirtException;

/**
 * Text that is not the JSON expected, with where the reading stopped: {@link #line()} and {@link #column()} (from 1),
 * and {@link #offset()}, the characters or bytes read before (from 0). Callers that know what they read wrap it with
 * that context.
 */
public final class InvalidJsonException extends DirtException {
    private final int line;
    private final int column;
    private final long offset;

    InvalidJsonException(String message, int line, int column, long offset) {
        super(message);
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    InvalidJsonException(String message, int line, int column, long offset, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public long offset() {
        return offset;
    }
}
