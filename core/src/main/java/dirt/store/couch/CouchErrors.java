package dirt.store.couch;

import com.fasterxml.jackson.databind.JsonNode;
import dirt.store.ConflictException;
import dirt.store.DatabaseNotFoundException;
import dirt.store.DocumentRefusedException;
import dirt.store.StoreException;
import dirt.store.StoreTimeoutException;
import dirt.store.StoreUnreachableException;
import dirt.store.UnauthorizedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Turns transport failures and HTTP error answers into dirt's store exceptions, with messages that say what to do. */
final class CouchErrors {
    private static final String START_HINT = "start it with 'dirt couch start', or point dirt at another server"
            + " with --couch URL or DIRT_COUCH_URL";
    /** For a server on another machine, which 'dirt couch start' cannot start. */
    private static final String REMOTE_HINT = "check that it runs and that this machine reaches it, or point dirt at"
            + " another server with --couch URL or DIRT_COUCH_URL";
    /** How CouchDB and pouchdb-server begin the reason of a 403 about permissions: "You are not a server admin.". */
    private static final String PERMISSION_REASON = "You are not";
    private static final String CREDENTIALS_HINT = "set [couch] user/password in settings.toml or"
            + " DIRT_COUCH_USER/DIRT_COUCH_PASSWORD, or put them in the URL";

    private CouchErrors() {
    }

    static StoreException transport(CouchConfig config, String method, String path, Duration timeout, IOException e) {
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
            return timeout(config, method, path, timeout);
        }
        return unreachable(config, e);
    }

    static StoreTimeoutException timeout(CouchConfig config, String method, String path, Duration timeout) {
        return new StoreTimeoutException("CouchDB did not answer in time: url=\"" + config.displayUrl() + "\" method="
                + method + " path=\"/" + path + "\" timeout=" + seconds(timeout)
                + " — check that the server is not overloaded, or raise the request timeout");
    }

    static StoreUnreachableException unreachable(CouchConfig config, IOException e) {
        return new StoreUnreachableException("cannot reach CouchDB at " + config.displayUrl() + ": "
                + reason(config, e) + " — " + (onThisMachine(config) ? START_HINT : REMOTE_HINT), e);
    }

    private static boolean onThisMachine(CouchConfig config) {
        String host = config.url().getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static String reason(CouchConfig config, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host \"" + config.url().getHost() + "\"";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within " + seconds(config.connectTimeout());
            }
        }
        String deepest = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("connection refused")) {
                return "connection refused";
            }
            if (message != null && !message.isBlank()) {
                deepest = message;
            }
        }
        if (deepest == null) {
            // java.net.http reports a refused connect as a bare ConnectException (timeouts were matched above).
            return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
        }
        return Urls.mask(deepest.toLowerCase(Locale.ROOT));
    }

    /** The exception for an HTTP error answer that has no operation-specific meaning. */
    static StoreException status(CouchConfig config, String method, String path, CouchHttp.Response response) {
        int status = response.status();
        if (status == 403 && refusesDocument(method, reason(response))) {
            return refusedDocument(config, method, path, reason(response));
        }
        if (status == 401 || status == 403) {
            return unauthorized(config, status, reason(response));
        }
        return new StoreException("CouchDB request failed: url=\"" + config.displayUrl() + "\" method=" + method
                + " path=\"/" + path + "\" status=" + status + " error=\"" + error(response) + "\" reason=\""
                + reason(response) + "\" — see the CouchDB log for details");
    }

    /**
     * 401 {@code unauthorized}: the credentials were wrong or missing. 403 {@code forbidden} about permissions
     * (CouchDB's own reasons, "You are not …"): the credentials were accepted, but this user may not do this. A 403
     * about a written document is {@link #refusedDocument}.
     */
    static UnauthorizedException unauthorized(CouchConfig config, int status, String reason) {
        String user = "user \"" + config.user() + "\"";
        String who = status == 403 ? (config.hasCredentials() ? "denied " + user + " this request"
                : "denied anonymous access")
                : config.hasCredentials() ? "refused the credentials for " + user : "refused anonymous access";
        String hint = status == 403 ? "the credentials were accepted, but lack the permission: use a user who has it"
                + " (a database admin, or one with the role the request needs) — " + CREDENTIALS_HINT
                : CREDENTIALS_HINT;
        return new UnauthorizedException("CouchDB at " + config.displayUrl() + " " + who + ": status=" + status
                + " reason=\"" + reason + "\" — " + hint);
    }

    /** Whether a 403 refuses the document written rather than the user: a write, and not CouchDB's own reason. */
    private static boolean refusesDocument(String method, String reason) {
        boolean write = method.equals("PUT") || method.equals("POST") || method.equals("DELETE")
                || method.equals("COPY");
        return write && !reason.startsWith(PERMISSION_REASON);
    }

    /** A 403 {@code forbidden} from the database's {@code validate_doc_update}: the document, not the credentials. */
    static DocumentRefusedException refusedDocument(CouchConfig config, String method, String path, String reason) {
        return new DocumentRefusedException("CouchDB refused the document: url=\"" + config.displayUrl() + "\" method="
                + method + " path=\"/" + path + "\" status=403 reason=\"" + reason + "\" — the database's"
                + " validate_doc_update refused it (the credentials were accepted): do as its reason"
                + " says", reason);
    }

    static ConflictException conflict(String database, String id, String rev) {
        return new ConflictException("document update conflict: db=\"" + database + "\" id=\"" + id + "\" rev=\""
                + (rev == null ? "" : rev) + "\" — reload the document and apply the change again", database, id);
    }

    static DatabaseNotFoundException databaseNotFound(CouchConfig config, String database) {
        return new DatabaseNotFoundException("database not found: db=\"" + database + "\" url=\""
                + config.displayUrl() + "\" — create it with 'dirt push'", database);
    }

    static String error(CouchHttp.Response response) {
        return field(response, "error");
    }

    static String reason(CouchHttp.Response response) {
        return field(response, "reason");
    }

    private static String field(CouchHttp.Response response, String name) {
        try {
            JsonNode body = CouchJson.MAPPER.readTree(response.body());
            if (body != null && body.hasNonNull(name)) {
                return body.get(name).asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        if (!name.equals("reason") || response.body().length == 0) {
            return "";
        }
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
