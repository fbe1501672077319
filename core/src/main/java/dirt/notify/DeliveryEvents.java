package dirt.notify;

/**
 * Told of each notification's outcome per channel, for metrics. Called on the sending threads: it must be quick and
 * must not throw. {@code channel} is the channel's id: {@code email}, {@code console}, or {@code webhook:HASH} (a
 * short hash of the webhook's URL, which may hold secrets).
 */
public interface DeliveryEvents {
    /** Tells nobody. */
    DeliveryEvents NONE = new DeliveryEvents() { };

    /** The channel took the message. */
    default void delivered(String channel) {
    }

    /** The channel did not take the message, after every retry. */
    default void failed(String channel) {
    }
}
