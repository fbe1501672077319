package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.store.Database;
import dirt.store.DatabaseAddress;
import dirt.store.RequestObserver;
import dirt.webhook.WebhookClient;

/**
 * The way into a CouchDB server for code outside this package: opens a project's database as dirt's {@link Database},
 * its documents as a {@link dirt.store.Store}.
 *
 * <pre>{@code
 * try (Database db = CouchServer.open(address, RequestObserver.NONE)) {
 *     db.createIfMissing();
 *     db.store().put(doc);
 * }
 * }</pre>
 */
public final class CouchServer {
    private CouchServer() {}

    /**
     * The database at {@code address}, whose requests are told to {@code observer}; makes no request yet.
     *
     * @throws dirt.store.StoreException when the URL or the database name is not valid
     */
    public static Database open(DatabaseAddress address, RequestObserver observer) {
        requireNonNull(address, "address is null");
        var config = new CouchConfig(address.url(), address.user().orElse(null), address.password().orElse(null),
                address.connectTimeout(), address.requestTimeout());
        CouchClient client = CouchClient.create(config, requireNonNull(observer, "observer is null"));
        try {
            return new OpenDatabase(client, client.database(address.database()), client::close);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A client for webhooks, over the same HTTP stack as the database (the JDK's {@code java.net.http}). */
    public static WebhookClient webhookClient() {
        return new HttpWebhookClient();
    }
}
