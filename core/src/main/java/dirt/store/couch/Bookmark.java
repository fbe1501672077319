package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;

/**
 * Where the next page of a view starts: at the {@code skip}-th row (counting from 0) among the rows with {@code key}.
 * Pass it to {@link ViewQuery#from(Bookmark)}, which asks for {@code startkey=key&skip=skip}.
 *
 * <p>Paging by {@code startkey} plus a skip within the key (rather than {@code startkey_docid}) works on every
 * CouchDB-compatible server: pouchdb-server ignores {@code startkey_docid} in views. The skip counts only rows that
 * share the page boundary's key, so it stays small only in views whose keys rarely repeat: a view paged through
 * many rows should make its keys unique (serve's {@code pending} emits {@code [created, _id]}).
 */
record Bookmark(Json key, int skip) {
    public Bookmark {
        requireNonNull(key, "key is null");
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative: " + skip);
        }
    }
}
