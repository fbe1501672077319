package dirt.transport.ssh;

import com.jcraft.jsch.JSchException;
import dirt.transport.AuthenticationException;
import dirt.transport.NodeUnreachableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/** Turns a failed JSch connect into the exception and message that tell the user what to do. */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static NodeUnreachableException of(JSchException e, SshTarget target, HostKeyVerifier hostKeys,
            Identities identities, Duration timeout) {
        if (hostKeys.failure().isPresent()) {
            return hostKeys.failure().get();
        }
        String port = Integer.toString(target.port());
        if (has(e, UnknownHostException.class)) {
            return unreachable(target, "unknown host", "check the host name, or set HostName for \"" + target.alias()
                    + "\" in the ssh config", e);
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)) {
            return unreachable(target, rootMessage(e), "check that the node is up and that sshd listens on port " + port,
                    e);
        }
        if (has(e, SocketTimeoutException.class) || lower(e).contains("timeout")) {
            return unreachable(target, "timed out after " + format(timeout), "check that the node is up and that "
                    + "sshd answers on port " + port + " (a firewall?), or raise [ssh] connect_timeout", e);
        }
        if (isAuthFailure(e)) {
            return authentication(target, identities);
        }
        return unreachable(target, rootMessage(e), "check that sshd runs there and accepts SSH connections", e);
    }

    /** The session broke after it was established (while uploading or starting the agent). */
    static NodeUnreachableException lost(SshTarget target, Exception e) {
        return unreachable(target, "connection lost: " + rootMessage(e), "check the node and its network, then retry",
                e);
    }

    private static NodeUnreachableException unreachable(SshTarget target, String cause, String todo, Exception e) {
        return new NodeUnreachableException("node unreachable: " + target.context() + " cause=\"" + cause + "\" — "
                + todo, e);
    }

    private static AuthenticationException authentication(SshTarget target, Identities identities) {
        return new AuthenticationException("authentication failed: " + target.context() + " user=\"" + target.user()
                + "\" " + identities.describe() + " — " + identities.remedy(target));
    }

    private static boolean isAuthFailure(JSchException e) {
        String message = lower(e);
        return message.startsWith("auth fail") || message.startsWith("auth cancel")
                || message.contains("too many authentication failures");
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String lower(Throwable e) {
        return e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    }

    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
