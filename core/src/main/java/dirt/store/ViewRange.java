package dirt.store;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;

/**
 * A slice of a view: the rows from {@code startKey} to {@code endKey} (both included), in key order or, when
 * {@code descending}, in reverse (then {@code startKey} is the larger key), at most {@code limit} rows.
 */
public record ViewRange(Json startKey, Json endKey, boolean descending, int limit) {
    /** No limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public ViewRange {
        requireNonNull(startKey, "startKey is null");
        requireNonNull(endKey, "endKey is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
    }

    /** Every row whose key is {@code key}. */
    public static ViewRange key(Json key) {
        return new ViewRange(key, key, false, UNLIMITED);
    }
}
