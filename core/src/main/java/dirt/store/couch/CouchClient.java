package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dirt.store.RequestObserver;
import dirt.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A connection to one CouchDB (or compatible) server. Thread-safe; create one per server and share it.
 * {@link #close()} stops the changes feeds opened through it.
 *
 * <pre>{@code
 * try (CouchClient couch = CouchClient.create(CouchConfig.of("http://admin:secret@127.0.0.1:5984"))) {
 *     CouchDatabase db = couch.database("myproject");
 *     db.createIfMissing();
 *     db.put(doc);
 * }
 * }</pre>
 */
public final class CouchClient implements AutoCloseable {
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_$()+/-]*|_users|_replicator|_global_changes");

    private final CouchHttp http;
    private final Set<ChangesFeed> feeds = ConcurrentHashMap.newKeySet();

    private CouchClient(CouchConfig config, RequestObserver observer) {
        this.http = new CouchHttp(config, observer);
    }

    /** A client for the server; makes no request yet. */
    public static CouchClient create(CouchConfig config) {
        return create(config, RequestObserver.NONE);
    }

    /** A client for the server that tells {@code observer} of every request it sends; makes no request yet. */
    static CouchClient create(CouchConfig config, RequestObserver observer) {
        return new CouchClient(requireNonNull(config, "config is null"), requireNonNull(observer, "observer is null"));
    }

    public CouchConfig config() {
        return http.config();
    }

    /** The server URL with the password masked, for messages and logs. */
    String displayUrl() {
        return http.config().displayUrl();
    }

    /** {@code GET /}: vendor and version; also the cheapest way to check that the server answers. */
    public ServerInfo serverInfo() {
        CouchHttp.Response response = http.json("GET", "", null);
        if (!response.ok()) {
            throw CouchErrors.status(http.config(), "GET", "", response);
        }
        return ServerInfo.from(CouchJson.parseObject(response.body(), "server info"));
    }

    /** The names of all databases. */
    public List<String> allDbs() {
        CouchHttp.Response response = http.json("GET", "_all_dbs", null);
        if (!response.ok()) {
            throw CouchErrors.status(http.config(), "GET", "_all_dbs", response);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : response.json("_all_dbs")) {
            names.add(name.asText());
        }
        return names;
    }

    /**
     * A handle on the database {@code name}; makes no request, so the database need not exist yet.
     *
     * @throws StoreException when the name is not a valid CouchDB database name
     */
    public CouchDatabase database(String name) {
        requireNonNull(name, "name is null");
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new StoreException("invalid database name: db=\"" + name + "\" — use lowercase letters, digits"
                    + " and _$()+-/, starting with a letter");
        }
        return new CouchDatabase(http, name, feeds);
    }

    /** Stops every changes feed opened through this client. Requests already running may still finish. */
    @Override
    public void close() {
        for (ChangesFeed feed : List.copyOf(feeds)) {
            feed.close();
        }
        http.close();
    }

    @Override
    public String toString() {
        return "CouchClient[" + displayUrl() + "]";
    }
}
