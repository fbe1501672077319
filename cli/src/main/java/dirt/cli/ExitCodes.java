package dirt.cli;

/** Exit codes of every command; documented in {@code dirt --help} and the README. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int STORE = 3;
    static final int SETTINGS = 4;
    static final int INTERNAL = 70;

    private ExitCodes() {}
}
