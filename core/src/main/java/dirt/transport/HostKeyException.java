package dirt.transport;

/**
 * The node's SSH host key is not the one on record: either unknown (not in known_hosts; accept it once with
 * {@code dirt updatenodes --accept-new-host-keys} or add it with ssh-keyscan) or changed (never accepted
 * automatically: possibly a man-in-the-middle). The message says which, and what to do.
 */
public final class HostKeyException extends NodeUnreachableException {
    private final boolean changed;

    public HostKeyException(String message, boolean changed) {
        super(message);
        this.changed = changed;
    }

    /** True when known_hosts holds a different key for the host; false when it holds none. */
    public boolean changed() {
        return changed;
    }
}
