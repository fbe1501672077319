package dirt.store.couch;

import dirt.json.JsonObject;
import dirt.store.Database;
import dirt.store.Store;

/** A {@link Database} over one CouchDB database and the client that reaches it. */
final class OpenDatabase implements Database {
    private final CouchClient client;
    private final CouchDatabase database;
    private final CouchStore store;
    private final Runnable closing;

    /** {@code closing} runs on {@link #close}: it closes the client when this owns it. */
    OpenDatabase(CouchClient client, CouchDatabase database, Runnable closing) {
        this.client = client;
        this.database = database;
        this.store = new CouchStore(database);
        this.closing = closing;
    }

    @Override
    public String name() {
        return database.name();
    }

    @Override
    public String displayUrl() {
        return client.displayUrl();
    }

    @Override
    public String serverVersion() {
        ServerInfo info = client.serverInfo();
        return info.vendor() + " " + info.version();
    }

    @Override
    public boolean createIfMissing() {
        return database.createIfMissing();
    }

    @Override
    public boolean writableByAnyone() {
        return database.writableByAnyone();
    }

    @Override
    public JsonObject security() {
        return JacksonBridge.object(database.security());
    }

    @Override
    public void putSecurity(JsonObject security) {
        database.putSecurity(JacksonBridge.tree(security));
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public void close() {
        closing.run();
    }

    @Override
    public String toString() {
        return "OpenDatabase[" + database.name() + " at " + client.displayUrl() + "]";
    }
}
