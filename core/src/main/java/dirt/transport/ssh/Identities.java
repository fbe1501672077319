package dirt.transport.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Vector;

/**
 * The keys offered to a node: the target's identity files that load without a passphrase, then the keys of ssh-agent
 * (when asked for, and unless {@code IdentitiesOnly yes}). Remembers what it offered and what it skipped and why, for
 * the message when authentication fails.
 */
final class Identities implements IdentityRepository {
    private static final String ENCRYPTED = "encrypted";

    private final List<Identity> identities;
    private final List<String> offered;
    private final List<String> skipped;
    private final List<String> encrypted;
    private final String agent;
    private final int agentKeys;

    private Identities(List<Identity> identities, List<String> offered, List<String> skipped, List<String> encrypted,
            String agent, int agentKeys) {
        this.identities = List.copyOf(identities);
        this.offered = List.copyOf(offered);
        this.skipped = List.copyOf(skipped);
        this.encrypted = List.copyOf(encrypted);
        this.agent = agent;
        this.agentKeys = agentKeys;
    }

    static Identities load(JSch jsch, SshTarget target, LocalUser local, boolean useAgent) {
        List<String> offered = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> encrypted = new ArrayList<>();
        for (Path file : target.identityFiles()) {
            String name = local.abbreviate(file);
            Optional<String> reason = skipReason(jsch, file);
            reason.ifPresentOrElse(why -> skipped.add(name + " (" + why + ")"), () -> offered.add(name));
            reason.filter(why -> why.startsWith(ENCRYPTED)).ifPresent(why -> encrypted.add(name));
        }
        List<Identity> identities = new ArrayList<>(jsch.getIdentityRepository().getIdentities());
        int fileKeys = identities.size();
        String agent = agent(target, local, useAgent, identities);
        return new Identities(identities, offered, skipped, encrypted, agent, identities.size() - fileKeys);
    }

    /** Adds the keys of ssh-agent to {@code identities} if it is to be used; says what came of it. */
    private static String agent(SshTarget target, LocalUser local, boolean useAgent, List<Identity> identities) {
        if (!useAgent) {
            return "not used ([ssh] use_agent = false)";
        }
        if (target.identitiesOnly()) {
            return "not used (IdentitiesOnly yes)";
        }
        return local.agentSocket().map(socket -> agentKeys(socket, identities))
                .orElse("not running (SSH_AUTH_SOCK is not set)");
    }

    /** Adds {@code file} to {@code jsch} if it can be used, else says why not. */
    private static Optional<String> skipReason(JSch jsch, Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of("missing");
        }
        try {
            KeyPair pair = KeyPair.load(jsch, file.toString());
            boolean encrypted = pair.isEncrypted();
            pair.dispose();
            if (encrypted) {
                return Optional.of(ENCRYPTED + ": dirt cannot ask for its passphrase");
            }
            jsch.addIdentity(file.toString());
            return Optional.empty();
        } catch (JSchException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }

    private static String agentKeys(Path socket, List<Identity> identities) {
        try {
            IdentityRepository agent = new AgentIdentityRepository(
                    new SSHAgentConnector(new UnixDomainSocketFactory(), socket));
            if (agent.getStatus() != RUNNING) {
                return "not reachable at " + socket;
            }
            Vector<Identity> keys = agent.getIdentities();
            identities.addAll(keys);
            return keys.size() + " key(s)";
        } catch (AgentProxyException | RuntimeException e) {
            return "not usable: " + e.getMessage();
        }
    }

    /** For messages: {@code keys="..." agent="..." skipped="..."}. */
    String describe() {
        String message = "keys=\"" + (offered.isEmpty() ? "none" : String.join(", ", offered)) + "\" agent=\"" + agent
                + "\"";
        return skipped.isEmpty() ? message : message + " skipped=\"" + String.join(", ", skipped) + "\"";
    }

    /** What to do when the node accepted none of the keys. */
    String remedy(SshTarget target) {
        if (offered.isEmpty() && agentKeys == 0 && !encrypted.isEmpty()) {
            return "load the key into ssh-agent with 'ssh-add " + encrypted.get(0) + "' and keep [ssh] use_agent ="
                    + " true (dirt cannot ask for passphrases), or use a key without a passphrase";
        }
        if (offered.isEmpty() && agentKeys == 0) {
            return "create a key with 'ssh-keygen -t ed25519' and install it with '" + copyId(target, Optional.empty())
                    + "', or set IdentityFile for \"" + target.alias() + "\" in the ssh config";
        }
        return "add your public key to ~/.ssh/authorized_keys of user \"" + target.user() + "\" on the node (e.g. '"
                + copyId(target, offered.stream().findFirst()) + "'), or set User and IdentityFile for \""
                + target.alias() + "\" in the ssh config";
    }

    private static String copyId(SshTarget target, Optional<String> key) {
        return "ssh-copy-id " + key.map(file -> "-i " + file + " ").orElse("")
                + (target.port() == SshTarget.DEFAULT_PORT ? "" : "-p " + target.port() + " ") + target.user() + "@"
                + target.host();
    }

    @Override
    public String getName() {
        return "dirt";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        return new Vector<>(identities);
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {
        // the keys belong to their files and to ssh-agent
    }
}
