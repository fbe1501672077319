package dirt.notify;

import dirt.DirtException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/**
 * A notification channel could not deliver a message, e.g. {@code email not sent: host="smtp.example.org" port=587
 * cause="Connection refused" — check …}. {@link #retryable()} says whether trying again later can help (an SMTP
 * server that is down) or not (refused credentials, a webhook answering 404).
 */
public final class NotifyException extends DirtException {
    private final boolean retryable;

    NotifyException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    NotifyException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The messages of {@code e} and its causes, without repeats, for a {@code cause="…"} context value. */
    static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() == null && t instanceof ClosedChannelException && text.length() > 0) {
                continue; // how the JDK's HTTP client says what its ConnectException said already
            }
            String message = t.getMessage() != null ? t.getMessage()
                    : t instanceof ConnectException ? "connection refused" : t.getClass().getSimpleName();
            if (!text.toString().contains(message)) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString().replace('"', '\'');
    }
}
