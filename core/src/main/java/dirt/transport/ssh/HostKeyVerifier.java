package dirt.transport.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import dirt.transport.HostKeyException;
import dirt.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks the server's host key against the target's known_hosts files. An unknown key is accepted and appended to the
 * first file only when the target allows it (OpenSSH's accept-new); a changed key is always refused. JSch runs with
 * {@code StrictHostKeyChecking yes} on top of this, so whatever this class does not answer {@code OK} ends the
 * connection, and {@link #failure()} says why.
 */
final class HostKeyVerifier implements HostKeyRepository {
    private final JSch jsch;
    private final SshTarget target;
    private final LocalUser local;
    private final HostKeyRepository known;
    private volatile HostKeyException failure;

    private HostKeyVerifier(JSch jsch, SshTarget target, LocalUser local, HostKeyRepository known) {
        this.jsch = jsch;
        this.target = target;
        this.local = local;
        this.known = known;
    }

    /** Reads the target's known_hosts files into {@code jsch}; missing files count as empty. */
    static HostKeyVerifier load(JSch jsch, SshTarget target, LocalUser local) throws JSchException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path file : target.knownHosts()) {
            if (Files.isRegularFile(file)) {
                try {
                    all.write(Files.readAllBytes(file));
                    all.write('\n');
                } catch (IOException e) {
                    throw new TransportException("cannot read known_hosts: path=\"" + file + "\" cause=\"" + e
                            + "\" — check the file's permissions, or point dirt at another one with [ssh] known_hosts"
                            + " or UserKnownHostsFile", e);
                }
            }
        }
        jsch.setKnownHosts(new ByteArrayInputStream(all.toByteArray()));
        return new HostKeyVerifier(jsch, target, local, jsch.getHostKeyRepository());
    }

    /** Why the host key was refused, if it was. */
    Optional<HostKeyException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public int check(String host, byte[] key) {
        int result;
        synchronized (known) {
            result = known.check(host, key);
        }
        if (result == OK) {
            return OK;
        }
        String offered = describe(host, key);
        if (result == CHANGED) {
            failure = new HostKeyException(changedMessage(offered), true);
            return CHANGED;
        }
        if (target.acceptUnknownHostKeys()) {
            KnownHostsFile.append(target.knownHosts().get(0), host, key, target.hashKnownHosts());
            return OK;
        }
        failure = new HostKeyException(unknownMessage(offered), false);
        return NOT_INCLUDED;
    }

    private String unknownMessage(String offered) {
        String port = target.port() == SshTarget.DEFAULT_PORT ? "" : "-p " + target.port() + " ";
        return "unknown host key: " + target.context() + " key=\"" + offered + "\" known_hosts=\"" + knownHosts()
                + "\" — if that is the node's key, add it with 'ssh-keyscan " + port + target.host() + " >> "
                + knownHosts() + "', or accept it once with 'dirt updatenodes --accept-new-host-keys " + target.alias()
                + "'";
    }

    private String changedMessage(String offered) {
        return "host key changed: " + target.context() + " key=\"" + offered + "\" known_hosts=\"" + knownHosts()
                + "\" — possible man-in-the-middle attack, dirt refuses to connect; if the change is expected (the node"
                + " was reinstalled), remove the old key with 'ssh-keygen -R \"" + target.knownHostsName() + "\" -f "
                + knownHosts() + "' and accept the new one with 'dirt updatenodes --accept-new-host-keys "
                + target.alias() + "'";
    }

    private String knownHosts() {
        return local.abbreviate(target.knownHosts().get(0));
    }

    private String describe(String host, byte[] key) {
        try {
            HostKey hostKey = new HostKey(host, key);
            return hostKey.getType() + " " + hostKey.getFingerPrint(jsch);
        } catch (JSchException e) {
            return "unsupported key type";
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // never called: JSch runs with StrictHostKeyChecking yes, and check() appends accepted keys itself
    }

    @Override
    public void remove(String host, String type) {
        // known_hosts is the user's: dirt only ever appends to it
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // known_hosts is the user's: dirt only ever appends to it
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return target.knownHosts().get(0).toString();
    }

    @Override
    public HostKey[] getHostKey() {
        synchronized (known) {
            return known.getHostKey();
        }
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        synchronized (known) {
            return known.getHostKey(host, type);
        }
    }
}
