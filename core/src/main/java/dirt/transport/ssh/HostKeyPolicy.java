package dirt.transport.ssh;

/**
 * What to do with a host key that known_hosts does not hold yet. A key that differs from the one on record is refused
 * whatever the policy: that is how a man-in-the-middle looks.
 */
public enum HostKeyPolicy {
    /**
     * Refuse unknown keys, unless the settings ({@code strict_host_key_checking = false}) or the host's
     * {@code StrictHostKeyChecking no|accept-new} in the ssh config say otherwise.
     */
    VERIFY,
    /** Accept an unknown key and append it to known_hosts, like OpenSSH's {@code StrictHostKeyChecking accept-new}. */
    ACCEPT_NEW
}
