package dirt.agent;

/** Text that is not JSON; the message names the problem and its column (1-based). */
final class JsonSyntaxException extends IllegalArgumentException {
    private final int column;

    JsonSyntaxException(String problem, int column) {
        super(problem + " at column " + column);
        this.column = column;
    }

    /** Where the problem is, counting from 1. */
    int column() {
        return column;
    }
}
