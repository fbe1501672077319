package dirt.schedule;

/** What a schedule does when it is due while its previous run still has unfinished tasks. */
public enum Overlap {
    /** Do not start another run; the due one is skipped (the default). */
    SKIP,
    /** Start it once the previous run has finished; at most one run waits so. */
    QUEUE,
    /** Start it anyway: runs may overlap. */
    ALLOW
}
