package dirt.store;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a project's database is and how to reach it: the server's {@code url} (which may carry
 * {@code user:password@}), the {@code database}'s name, the credentials to send, and how long to wait for a
 * connection and for an answer. A {@code user} given here is sent instead of the one in the URL.
 */
public record DatabaseAddress(URI url, String database, Optional<String> user, Optional<String> password,
        Duration connectTimeout, Duration requestTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public DatabaseAddress {
        requireNonNull(url, "url is null");
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
    }

    /** Whether requests carry credentials: a {@code user}, or one in the URL. */
    public boolean hasCredentials() {
        return user.isPresent() || url.getRawUserInfo() != null;
    }

    /** This address with {@code user} and {@code password} as the credentials. */
    public DatabaseAddress withCredentials(String user, String password) {
        return new DatabaseAddress(url, database, Optional.of(user), Optional.ofNullable(password), connectTimeout,
                requestTimeout);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        String shownUrl = url.getRawUserInfo() == null ? url.toString()
                : url.toString().replace(url.getRawUserInfo() + "@", "****@");
        return "DatabaseAddress[url=" + shownUrl + ", database=" + database + ", user=" + user + ", password="
                + password.map(p -> "****") + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + "]";
    }
}
