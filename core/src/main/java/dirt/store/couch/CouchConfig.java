package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.store.DatabaseAddress;
import dirt.store.StoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where the CouchDB server is and how to talk to it. Credentials may come from the URL's userinfo
 * ({@code http://user:pass@host:5984}) or from {@code user}/{@code password}; either way the stored {@link #url()} has
 * no userinfo, the password is sent as a Basic {@code Authorization} header only, and {@link #toString()} and
 * {@link #displayUrl()} mask it as {@code http://user:***@host:5984}.
 *
 * @param url            base URL of the server, http or https, without userinfo, query or trailing slash
 * @param user           user name for Basic auth, or {@code null} for anonymous access
 * @param password       password for Basic auth, or {@code null}
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for an answer to one request (the continuous changes feed has none)
 */
public record CouchConfig(URI url, String user, String password, Duration connectTimeout, Duration requestTimeout) {
    static final Duration DEFAULT_CONNECT_TIMEOUT = DatabaseAddress.DEFAULT_CONNECT_TIMEOUT;
    static final Duration DEFAULT_REQUEST_TIMEOUT = DatabaseAddress.DEFAULT_REQUEST_TIMEOUT;

    public CouchConfig {
        requireNonNull(url, "url is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        String shown = Urls.maskUrl(url.toString());
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw invalid(shown, "the scheme must be http or https");
        }
        if (url.getHost() == null) {
            throw invalid(shown, "it has no host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw invalid(shown, "it must not have a query or fragment");
        }
        if (url.getRawUserInfo() != null) {
            String[] userInfo = Urls.splitUserInfo(url.getRawUserInfo());
            if (user == null) {
                user = userInfo[0];
                password = userInfo[1];
            }
            url = Urls.withoutUserInfo(url);
        }
        url = Urls.withoutTrailingSlash(url);
        if (password != null && user == null) {
            throw invalid(shown, "a password is set but no user");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
    }

    /** A config for {@code url} (which may carry {@code user:password@}) with the default timeouts. */
    public static CouchConfig of(String url) {
        requireNonNull(url, "url is null");
        try {
            return new CouchConfig(new URI(url.strip()), null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
        } catch (URISyntaxException e) {
            throw invalid(Urls.maskUrl(url.strip()), "it is not a valid URL (" + e.getReason() + ")");
        }
    }

    /** This config with credentials replaced; {@code user == null} means anonymous. */
    public CouchConfig withCredentials(String user, String password) {
        return new CouchConfig(url, user, password, connectTimeout, requestTimeout);
    }

    /** This config with other timeouts. */
    public CouchConfig withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        return new CouchConfig(url, user, password, connectTimeout, requestTimeout);
    }

    /** Whether requests carry Basic credentials. */
    public boolean hasCredentials() {
        return user != null;
    }

    /** The URL for people: {@code http://user:***@host:5984} with credentials, the plain URL without. */
    String displayUrl() {
        if (user == null) {
            return url.toString();
        }
        String plain = url.toString();
        int start = plain.indexOf("://") + 3;
        return plain.substring(0, start) + Urls.encodeUserInfo(user) + ":***@" + plain.substring(start);
    }

    /**
     * The URL with the credentials embedded, for handing to another process (for example {@code --couch URL});
     * never log it.
     */
    String urlWithCredentials() {
        if (user == null) {
            return url.toString();
        }
        String plain = url.toString();
        int start = plain.indexOf("://") + 3;
        String secret = password == null ? "" : ":" + Urls.encodeUserInfo(password);
        return plain.substring(0, start) + Urls.encodeUserInfo(user) + secret + "@" + plain.substring(start);
    }

    @Override
    public String toString() {
        return "CouchConfig[url=" + displayUrl() + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }

    private static StoreException invalid(String shownUrl, String reason) {
        return new StoreException("invalid CouchDB URL: url=\"" + shownUrl + "\" reason=\"" + reason
                + "\" — use a URL like http://127.0.0.1:5984 or http://user:password@host:5984");
    }
}
