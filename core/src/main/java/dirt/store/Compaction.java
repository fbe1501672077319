package dirt.store;

import static java.util.Objects.requireNonNull;

/**
 * What became of one request to reclaim space ({@link Store#compact}): the database's own compaction, one design
 * document's views, or the clean-up of index files of views that no longer exist.
 *
 * @param what   e.g. {@code database}, {@code views of _design/dirt}, {@code old view indexes}
 * @param detail why it did not start, or empty when it did
 */
public record Compaction(String what, Outcome outcome, String detail) {
    /** Whether the server started the work (it runs in the background), refused it, or does not offer it. */
    public enum Outcome {
        STARTED,
        REFUSED,
        NOT_SUPPORTED
    }

    public Compaction {
        requireNonNull(what, "what is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(detail, "detail is null");
    }

    /** E.g. {@code database: started} or {@code views of _design/dirt: refused — needs a database admin}. */
    public String describe() {
        String word = switch (outcome) {
            case STARTED -> "started";
            case REFUSED -> "refused";
            case NOT_SUPPORTED -> "not supported by this server";
        };
        return what + ": " + word + (detail.isEmpty() ? "" : " — " + detail);
    }
}
