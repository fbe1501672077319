package dirt.notify;

import java.util.Locale;
import java.util.Optional;

/**
 * What a notification tells: how a task ended compared with the previous task of its name, a record summary, or news
 * about a node.
 */
enum Kind {
    /** Failed, and the previous task of the name passed (or there was none). */
    FAILED("failure", "FAILED"),
    /** Failed again (sent only without nospam). */
    STILL_FAILING("failure", "STILL FAILING"),
    /** Passed after the previous task of the name failed. */
    RECOVERED("recovery", "RECOVERED"),
    /** Passed, and the previous one did too (or there was none). */
    PASSED("completion", "PASSED"),
    /** Every task of a record has completed. */
    RECORD_SUMMARY("record_summary", "SUMMARY"),
    /** serve quarantined a node: it failed tasks that passed on other nodes. */
    NODE_QUARANTINED("node_quarantined", "QUARANTINED"),
    /** A node's facts changed between two probes. */
    FACTS_CHANGED("facts_changed", "FACTS CHANGED");

    private final String event;
    private final String headline;

    Kind(String event, String headline) {
        this.event = event;
        this.headline = headline;
    }

    /**
     * The {@code event} of the webhook payload: failure, recovery, completion, record_summary, node_quarantined or
     * facts_changed.
     */
    String event() {
        return event;
    }

    /** The word in the subject, e.g. FAILED. */
    String headline() {
        return headline;
    }

    /** How the kind is written in a task document's {@code notified.kind}, e.g. {@code still_failing}. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this kind is about a node, not a task or record. */
    boolean aboutNode() {
        return this == NODE_QUARANTINED || this == FACTS_CHANGED;
    }

    static Optional<Kind> fromWord(String word) {
        for (Kind kind : values()) {
            if (kind.word().equals(word)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
