package dirt.notify;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonObject;

/**
 * One message, ready for every channel: a {@code subject} and plain {@code text} for people (email, console), the
 * JSON {@code payload} for webhooks, and a {@code deliveryId} that is the same every time this completion is
 * notified, so that a receiver can drop a repeat.
 */
record Notification(String deliveryId, Kind kind, String subject, String text, JsonObject payload) {
    Notification {
        requireNonNull(deliveryId, "deliveryId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(text, "text is null");
        requireNonNull(payload, "payload is null");
    }
}
