package dirt.store;

/** The server refused the request because of missing or wrong credentials, or lacking permissions (401/403). */
public final class UnauthorizedException extends StoreException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
