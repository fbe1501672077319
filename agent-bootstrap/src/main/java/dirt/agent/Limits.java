package dirt.agent;

/**
 * What one run may send back, so that no run can exhaust the agent's memory or fill the database: bytes per attachment,
 * bytes of all its attachments, and how many files.
 */
record Limits(long maxBytesEach, long maxBytesTotal, int maxFiles) {
    static final long MIB = 1024 * 1024;
    /** The agent's limits: 32 MiB per attachment, 64 MiB per run, 100 files per run. */
    static final Limits STANDARD = new Limits(32 * MIB, 64 * MIB, 100);

    Limits {
        if (maxBytesEach <= Truncation.MARKER_RESERVE || maxBytesTotal < maxBytesEach || maxFiles < 2) {
            throw new IllegalArgumentException(String.format("limits make no sense: maxBytesEach=%d maxBytesTotal=%d"
                    + " maxFiles=%d", maxBytesEach, maxBytesTotal, maxFiles));
        }
    }
}
