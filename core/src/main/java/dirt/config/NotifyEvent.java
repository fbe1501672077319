package dirt.config;

import java.util.Locale;

/** What a notification is sent for. Written in settings.toml in lowercase, e.g. {@code failure}. */
public enum NotifyEvent {
    /** A task failed. */
    FAILURE,
    /** A task passed after the previous task of the same name failed. */
    RECOVERY,
    /** A task completed, passed or failed. */
    COMPLETION,
    /** serve quarantined a node, or a node's facts changed (see dirt.notify's node news). */
    NODE;

    /** The word written in settings.toml. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
