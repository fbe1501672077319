package dirt.config;

import static java.util.Objects.requireNonNull;

import dirt.store.DatabaseAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code [couch]}: where the project's CouchDB database is and how to talk to it. {@code user} and {@code password}
 * are overridden by the environment variables {@code DIRT_COUCH_USER} and {@code DIRT_COUCH_PASSWORD}, {@code url} by
 * {@code DIRT_COUCH_URL} and the CLI's {@code --couch}, {@code database} by {@code --db}. {@code release} names an
 * Apache CouchDB release folder that {@code dirt couch start} runs instead of pouchdb-server; the environment variable
 * {@code DIRT_COUCHDB_HOME} overrides it, {@code dirt couch start --release} overrides both.
 */
public record CouchSettings(URI url, String database, Optional<String> user, Optional<String> password,
        Duration connectTimeout, Duration requestTimeout, Optional<Path> release) {
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:5984");
    /** The database client's own defaults: one place for both. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = DatabaseAddress.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = DatabaseAddress.DEFAULT_REQUEST_TIMEOUT;

    public CouchSettings {
        requireNonNull(url, "url is null");
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(release, "release is null");
        ConfigValues.problemWithHttpUrl(url).ifPresent(p -> {
            throw new IllegalArgumentException("url " + p);
        });
        ConfigValues.problemWithDatabaseName(database).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** Settings without a CouchDB release for {@code dirt couch start} (it runs pouchdb-server). */
    public CouchSettings(URI url, String database, Optional<String> user, Optional<String> password,
            Duration connectTimeout, Duration requestTimeout) {
        this(url, database, user, password, connectTimeout, requestTimeout, Optional.empty());
    }

    /** The defaults, with {@code database} as the database name. */
    public static CouchSettings defaults(String database) {
        return new CouchSettings(DEFAULT_URL, database, Optional.empty(), Optional.empty(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * These settings on the server at {@code url}. A user and password in the URL replace the settings' own, as an
     * option given on the command line wins over the settings file; a URL without them keeps the settings' ones.
     */
    public CouchSettings withUrl(URI url) {
        if (url.getRawUserInfo() != null) {
            return new CouchSettings(url, database, Optional.empty(), Optional.empty(), connectTimeout, requestTimeout,
                    release);
        }
        return new CouchSettings(url, database, user, password, connectTimeout, requestTimeout, release);
    }

    public CouchSettings withDatabase(String database) {
        return new CouchSettings(url, database, user, password, connectTimeout, requestTimeout, release);
    }

    public CouchSettings withUser(String user) {
        return new CouchSettings(url, database, Optional.of(user), password, connectTimeout, requestTimeout, release);
    }

    public CouchSettings withPassword(String password) {
        return new CouchSettings(url, database, user, Optional.of(password), connectTimeout, requestTimeout, release);
    }

    public CouchSettings withRelease(Path release) {
        return new CouchSettings(url, database, user, password, connectTimeout, requestTimeout, Optional.of(release));
    }

    /** Never shows the password, nor user info in the URL. */
    @Override
    public String toString() {
        String shownUrl = url.getRawUserInfo() == null ? url.toString()
                : url.toString().replace(url.getRawUserInfo() + "@", "****@");
        return "CouchSettings[url=" + shownUrl + ", database=" + database + ", user=" + user + ", password="
                + password.map(p -> "****") + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", release=" + release + "]";
    }

    /** Where these settings say the database is, as the store opens it. */
    public DatabaseAddress address() {
        return new DatabaseAddress(url, database, user, password, connectTimeout, requestTimeout);
    }
}
