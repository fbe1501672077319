package dirt.store;

import dirt.json.JsonObject;

/**
 * A project's database as a whole, as the command line sets it up: created when missing, opened to dirt's roles (its
 * {@code _security}), its documents as a {@link Store}. Holds a connection to the server: close it when done. Opened
 * by {@code dirt.store.couch.CouchServer#open}.
 */
public interface Database extends AutoCloseable {
    /** The database's name on its server. */
    String name();

    /** The server's URL for people and logs: the password masked. */
    String displayUrl();

    /**
     * What answers at the server's URL, as vendor and version (e.g. {@code CouchDB 3.5.0}): the cheapest request that
     * shows the server answers.
     */
    String serverVersion();

    /** Creates the database unless it exists; returns whether it created it. */
    boolean createIfMissing();

    /**
     * Whether a client without credentials may write documents to the database: true on a server that lets anyone in
     * (an admin party, a database whose validation lets anonymous writers through).
     */
    boolean writableByAnyone();

    /**
     * The database's {@code _security} object: who are its admins and members; {@code {}} when nobody set it.
     *
     * @throws UnauthorizedException when these credentials are not a database admin's
     */
    JsonObject security();

    /**
     * Replaces the database's {@code _security} object.
     *
     * @throws UnauthorizedException when these credentials are not a database admin's
     */
    void putSecurity(JsonObject security);

    /** The database's documents. */
    Store store();

    /** Closes the connection to the server, and the changes feeds followed through it. */
    @Override
    void close();
}
