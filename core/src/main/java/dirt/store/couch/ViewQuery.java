package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of a view or {@code _all_docs} query. Immutable: every method returns a changed copy. Keys are any
 * value Jackson can turn into JSON (strings, numbers, lists for complex keys, {@link JsonNode}).
 *
 * <pre>{@code
 * ViewQuery.all().startKey(List.of("r1")).endKey(List.of("r1", Map.of())).includeDocs(true).limit(50)
 * }</pre>
 */
public final class ViewQuery {
    private static final ViewQuery ALL = new ViewQuery(Map.of(), null);

    private final Map<String, String> params;
    private final List<JsonNode> keys;

    private ViewQuery(Map<String, String> params, List<JsonNode> keys) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.keys = keys == null ? null : List.copyOf(keys);
    }

    /** No options: every row, reduced if the view has a reduce function. */
    public static ViewQuery all() {
        return ALL;
    }

    /** Only rows with exactly this key. */
    ViewQuery key(Object key) {
        return withJson("key", key);
    }

    /** Only rows with these keys, in this order (sent as a POST body). */
    ViewQuery keys(List<?> keys) {
        List<JsonNode> nodes = new ArrayList<>();
        keys.forEach(key -> nodes.add(CouchJson.tree(key)));
        return new ViewQuery(params, nodes);
    }

    public ViewQuery startKey(Object key) {
        return withJson("startkey", key);
    }

    /** Among rows with the start key, begin at this document id. */
    ViewQuery startKeyDocId(String id) {
        return with("startkey_docid", requireNonNull(id, "id is null"));
    }

    public ViewQuery endKey(Object key) {
        return withJson("endkey", key);
    }

    ViewQuery endKeyDocId(String id) {
        return with("endkey_docid", requireNonNull(id, "id is null"));
    }

    /** Whether rows with the end key are included (CouchDB's default: true). */
    ViewQuery inclusiveEnd(boolean inclusive) {
        return with("inclusive_end", String.valueOf(inclusive));
    }

    public ViewQuery limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return with("limit", String.valueOf(limit));
    }

    ViewQuery skip(int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative: " + skip);
        }
        return with("skip", String.valueOf(skip));
    }

    public ViewQuery descending(boolean descending) {
        return with("descending", String.valueOf(descending));
    }

    public ViewQuery includeDocs(boolean includeDocs) {
        return with("include_docs", String.valueOf(includeDocs));
    }

    /**
     * Answer from the view's index as it stands, without first bringing it up to date ({@code stale=ok}, which
     * CouchDB 3 and pouchdb-server both honour; pouchdb-server ignores {@code update=false}).
     */
    ViewQuery asIndexed() {
        return with("stale", "ok");
    }

    /** Answer from the index as it stands, then bring it up to date in the background ({@code stale=update_after}). */
    ViewQuery asIndexedThenUpdate() {
        return with("stale", "update_after");
    }

    /** Include the position in the changes feed that the index reflects ({@link ViewResult#updateSeq()}). */
    ViewQuery updateSeq() {
        return with("update_seq", "true");
    }

    /** Whether to run the view's reduce function (default: true when it has one). */
    ViewQuery reduce(boolean reduce) {
        return with("reduce", String.valueOf(reduce));
    }

    /** Reduce per distinct key. */
    ViewQuery group(boolean group) {
        return with("group", String.valueOf(group));
    }

    /** Reduce per the first {@code level} elements of array keys. */
    public ViewQuery groupLevel(int level) {
        if (level < 0) {
            throw new IllegalArgumentException("group level must not be negative: " + level);
        }
        return with("group_level", String.valueOf(level));
    }

    /**
     * Continue where a page ended: {@code startkey} is the bookmark's key and {@code skip} its skip;
     * {@code startkey_docid} is dropped. Don't combine paging with a {@code skip} of your own.
     */
    ViewQuery from(Bookmark bookmark) {
        Map<String, String> next = new LinkedHashMap<>(params);
        next.remove("startkey_docid");
        next.put("startkey", dirt.json.Json.write(bookmark.key()));
        if (bookmark.skip() > 0) {
            next.put("skip", String.valueOf(bookmark.skip()));
        } else {
            next.remove("skip");
        }
        return new ViewQuery(next, keys);
    }

    /** Where this query starts, as a bookmark, or {@code null} when it has no {@code startkey}. */
    Bookmark start() {
        String startKey = params.get("startkey");
        if (startKey == null) {
            return null;
        }
        String skip = params.get("skip");
        return new Bookmark(CouchJson.value(startKey.getBytes(StandardCharsets.UTF_8), "startkey"),
                skip == null ? 0 : Integer.parseInt(skip));
    }

    /** The query parameters, values not yet URL-encoded. */
    Map<String, String> parameters() {
        return params;
    }

    /** The keys for a POST body, or {@code null} for a GET. */
    List<JsonNode> postedKeys() {
        return keys;
    }

    private ViewQuery withJson(String name, Object key) {
        return with(name, CouchJson.text(CouchJson.tree(key)));
    }

    private ViewQuery with(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(params);
        next.put(name, value);
        return new ViewQuery(next, keys);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ViewQuery that && params.equals(that.params) && Objects.equals(keys, that.keys);
    }

    @Override
    public int hashCode() {
        return params.hashCode() * 31 + Objects.hashCode(keys);
    }

    @Override
    public String toString() {
        return "ViewQuery" + params + (keys == null ? "" : " keys=" + keys);
    }
}
