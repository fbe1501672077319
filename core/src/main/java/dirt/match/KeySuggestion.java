package dirt.match;

import java.util.Collection;
import java.util.Optional;

/** The known fact key closest to a mistyped or abbreviated one, for "did you mean" hints. */
final class KeySuggestion {
    private static final int MIN_ABBREVIATION = 3;

    private KeySuggestion() {
    }

    /**
     * The known key closest to {@code key} by Levenshtein distance, when it looks like a typo or an abbreviation of
     * it: at most 3 edits, at most half the key's length (at least 1) and fewer edits than the key has characters;
     * or a known key that starts with {@code key} when that is at least 3 characters ({@code archi} →
     * {@code architecture}). Ties go to the first known key.
     */
    static Optional<String> closest(String key, Collection<String> known) {
        int tolerated = Math.min(3, Math.max(1, key.length() / 2));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(key, candidate);
            boolean likely = (d <= tolerated && d < key.length()) || isAbbreviation(key, candidate);
            if (likely && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean isAbbreviation(String key, String candidate) {
        return key.length() >= MIN_ABBREVIATION && candidate.startsWith(key);
    }

    /** The Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
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
