package dirt.schedule;

/**
 * What a schedule does with runs it missed because no server was running (or every server was stopped) when they
 * were due; however many were missed, they never all run at once.
 */
public enum Missed {
    /** Run once, as soon as a server is back (the default). */
    ONCE,
    /** Skip them and wait for the next time. */
    SKIP
}
