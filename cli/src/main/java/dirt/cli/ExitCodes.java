package dirt.cli;

/** Exit codes of every command; documented in {@code dirt --help} and the README. */
final class ExitCodes {
    static final int OK = 0;
    /** The command failed; for {@code wait} and {@code post --wait}: a task failed. */
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int STORE = 3;
    static final int SETTINGS = 4;
    /** {@code wait}, {@code post --wait}: the tasks were not all done within {@code --timeout}. */
    static final int TIMEOUT = 5;
    /** {@code status}, {@code wait}: no record or task has the given id. */
    static final int NOT_FOUND = 6;
    static final int INTERNAL = 70;

    private ExitCodes() {}
}
