package dirt.store;

/** The store took longer than the request timeout to answer: overloaded, or building a view's index. */
public final class StoreTimeoutException extends StoreException {
    public StoreTimeoutException(String message) {
        super(message);
    }
}
