package dirt.notify;

/** A way to deliver a {@link Notification}: email, a webhook, the console. */
interface Channel {
    /**
     * A stable name, kept per channel in {@code notified.channels}: {@code email}, {@code console}, or
     * {@code webhook:} and 8 hex digits of the URL's SHA-256 (the URL itself may hold a token).
     */
    String id();

    /**
     * Delivers the message, or throws saying what failed.
     *
     * @throws NotifyException when it could not; {@link NotifyException#retryable()} says whether to try again
     */
    void send(Notification notification);
}
