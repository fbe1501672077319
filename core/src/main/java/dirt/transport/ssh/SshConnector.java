package dirt.transport.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dirt.config.SshSettings;
import dirt.transport.NodeUnreachableException;
import java.time.Duration;

/** Opens an authenticated SSH session to a target: host key verified, keys offered, everything within the timeout. */
final class SshConnector {
    /** Ping an idle node this often, and give up after this many unanswered pings. */
    static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(10);
    static final int KEEPALIVE_COUNT_MAX = 3;
    /** rsa-sha2-* rather than ssh-rsa (SHA-1), which OpenSSH 8.8+ refuses. */
    static final String PUBKEY_ALGORITHMS = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
            + "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";

    private SshConnector() {
    }

    static Session connect(SshTarget target, SshSettings settings, LocalUser local) {
        JSch jsch = new JSch();
        jsch.setInstanceLogger(new JschLog());
        HostKeyVerifier hostKeys;
        Session session;
        Identities identities;
        try {
            hostKeys = HostKeyVerifier.load(jsch, target, local);
            identities = Identities.load(jsch, target, local, settings.useAgent());
            session = jsch.getSession(target.user(), target.host(), target.port());
            configure(session, hostKeys, identities, settings.connectTimeout());
        } catch (JSchException e) {
            throw new NodeUnreachableException("cannot set up ssh: " + target.context() + " cause=\"" + e.getMessage()
                    + "\" — check the ssh settings and keys", e);
        }
        try {
            session.connect(timeoutMillis(settings.connectTimeout()));
            return session;
        } catch (JSchException e) {
            session.disconnect();
            throw ConnectFailures.of(e, target, hostKeys, identities, settings.connectTimeout());
        }
    }

    private static void configure(Session session, HostKeyVerifier hostKeys, Identities identities, Duration timeout)
            throws JSchException {
        session.setHostKeyRepository(hostKeys);
        session.setIdentityRepository(identities);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.setConfig("PubkeyAcceptedAlgorithms", PUBKEY_ALGORITHMS);
        session.setSocketFactory(new TimedSocketFactory(timeout));
        session.setDaemonThread(true);
        session.setServerAliveInterval((int) KEEPALIVE_INTERVAL.toMillis());
        session.setServerAliveCountMax(KEEPALIVE_COUNT_MAX);
    }

    static int timeoutMillis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
