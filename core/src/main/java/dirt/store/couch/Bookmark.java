package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the next page of a view starts: the first row's key and document id ({@code null} for reduced rows).
 * Pass it to {@link ViewQuery#from(Bookmark)}.
 */
public record Bookmark(JsonNode key, String docId) {
    public Bookmark {
        requireNonNull(key, "key is null");
    }
}
