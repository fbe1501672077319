package dirt;

import java.util.Optional;

/**
 * The known word closest to a mistyped or abbreviated one, for the "did you mean" hints in error messages (settings
 * keys, fact keys).
 */
public final class DidYouMean {
    private static final int MIN_ABBREVIATION = 3;

    private DidYouMean() {}

    /**
     * The known word closest to {@code word} by Levenshtein distance, when it looks like a typo or an abbreviation of
     * it: at most 3 edits, at most half the word's length (at least 1) and fewer edits than the word has characters;
     * or a known word that starts with {@code word} when that is at least 3 characters ({@code archi} →
     * {@code architecture}); before both, a known word that differs only in case ({@code ARCHITECTURE}). Ties go to the
     * first known word.
     */
    public static Optional<String> closest(String word, Iterable<String> known) {
        for (String candidate : known) {
            if (!candidate.equals(word) && candidate.equalsIgnoreCase(word)) {
                return Optional.of(candidate); // ARCHITECTURE → architecture
            }
        }
        int tolerated = Math.min(3, Math.max(1, word.length() / 2));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(word, candidate);
            boolean likely = (d <= tolerated && d < word.length())
                    || (word.length() >= MIN_ABBREVIATION && candidate.startsWith(word));
            if (likely && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
