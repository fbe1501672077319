package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.store.Feed;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of a changes request. Immutable; build with {@link #since(Seq)} or {@link #fromBeginning()} and the
 * {@code with...} methods.
 *
 * @param since        start after this seq; {@code null} means from the beginning
 * @param includeDocs  whether each change carries its document
 * @param filter       a filter function as {@code "ddoc/name"}, or {@code null}
 * @param filterParams extra query parameters the filter function reads from {@code req.query}
 * @param limit        at most this many changes per request, 0 for no limit
 * @param longpoll     for {@link CouchDatabase#changes}: wait for the first change instead of answering at once
 * @param timeout      how long the server waits in longpoll mode, or {@code null} for its default
 * @param heartbeat    for {@link CouchDatabase#follow}: how often the server sends a newline while idle; twice this
 *                     without any data counts as a dead connection
 */
record ChangesQuery(Seq since, boolean includeDocs, String filter, Map<String, String> filterParams, int limit,
                    boolean longpoll, Duration timeout, Duration heartbeat) {
    public static final Duration DEFAULT_HEARTBEAT = Feed.HEARTBEAT;

    public ChangesQuery {
        filterParams = Map.copyOf(filterParams);
        requireNonNull(heartbeat, "heartbeat is null");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeat must be at least 1 ms: " + heartbeat);
        }
        if (timeout != null && timeout.toMillis() < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
    }

    /** All changes from the beginning of the database. */
    public static ChangesQuery fromBeginning() {
        return new ChangesQuery(null, false, null, Map.of(), 0, false, null, DEFAULT_HEARTBEAT);
    }

    /** Changes after {@code since}; {@link Seq#NOW} for only the ones to come. */
    public static ChangesQuery since(Seq since) {
        return fromBeginning().withSince(requireNonNull(since, "since is null"));
    }

    public ChangesQuery withSince(Seq since) {
        return new ChangesQuery(since, includeDocs, filter, filterParams, limit, longpoll, timeout, heartbeat);
    }

    public ChangesQuery withIncludeDocs(boolean includeDocs) {
        return new ChangesQuery(since, includeDocs, filter, filterParams, limit, longpoll, timeout, heartbeat);
    }

    /** Only changes that the filter function {@code "ddoc/name"} lets through; it sees {@code params} as req.query. */
    public ChangesQuery withFilter(String filter, Map<String, String> params) {
        return new ChangesQuery(since, includeDocs, requireNonNull(filter, "filter is null"), params, limit, longpoll,
                timeout, heartbeat);
    }

    public ChangesQuery withLimit(int limit) {
        return new ChangesQuery(since, includeDocs, filter, filterParams, limit, longpoll, timeout, heartbeat);
    }

    /** Longpoll mode: the server answers when a change arrives or after {@code timeout}. */
    public ChangesQuery withLongpoll(Duration timeout) {
        return new ChangesQuery(since, includeDocs, filter, filterParams, limit, true,
                requireNonNull(timeout, "timeout is null"), heartbeat);
    }

    public ChangesQuery withHeartbeat(Duration heartbeat) {
        return new ChangesQuery(since, includeDocs, filter, filterParams, limit, longpoll, timeout, heartbeat);
    }

    /** The query parameters for one request in the given feed mode, starting after {@code from}. */
    Map<String, String> parameters(String feed, Seq from) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("feed", feed);
        if (from != null) {
            params.put("since", from.parameter());
        }
        if (includeDocs) {
            params.put("include_docs", "true");
        }
        if (limit > 0) {
            params.put("limit", String.valueOf(limit));
        }
        if (feed.equals("longpoll") && timeout != null) {
            params.put("timeout", String.valueOf(timeout.toMillis()));
        }
        if (feed.equals("continuous")) {
            params.put("heartbeat", String.valueOf(heartbeat.toMillis()));
        }
        if (filter != null) {
            params.put("filter", filter);
            filterParams.forEach(params::putIfAbsent);
        }
        return params;
    }
}
