package dirt.store;

/** The server answers but has no database of the given name. */
public final class DatabaseNotFoundException extends StoreException {
    private final String database;

    public DatabaseNotFoundException(String message, String database) {
        super(message);
        this.database = database;
    }

    /** The name of the missing database. */
    public String database() {
        return database;
    }
}
