package dirt.store;

/**
 * The server refused the request because of missing or wrong credentials (401), or because the user lacks the
 * permission (403 about the user); a 403 about a written document is a {@link DocumentRefusedException}.
 */
public final class UnauthorizedException extends StoreException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
