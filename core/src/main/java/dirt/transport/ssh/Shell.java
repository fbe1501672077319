package dirt.transport.ssh;

/** POSIX shell quoting, for commands run on the node through {@code /bin/sh}. */
final class Shell {
    private Shell() {
    }

    /** {@code value} as one single-quoted shell word. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * {@code script} run by {@code /bin/sh} whatever the user's login shell (bash, zsh, csh and fish all pass a
     * single-quoted word through unchanged).
     */
    static String sh(String script) {
        return "/bin/sh -c " + quote(script);
    }
}
