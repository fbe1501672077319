package dirt.transport.ssh;

import static java.util.Objects.requireNonNull;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dirt.config.SshSettings;
import dirt.transport.AgentChannel;
import dirt.transport.AgentJar;
import dirt.transport.AgentStartException;
import dirt.transport.NodeTransport;

/**
 * Reaches a node over SSH by the host alias the user typed. The OpenSSH client config
 * ({@link SshSettings#config()}) is honoured: {@code HostName}, {@code Port}, {@code User} (default: the local user),
 * {@code IdentityFile}, {@code UserKnownHostsFile}, {@code StrictHostKeyChecking}, {@code HashKnownHosts},
 * {@code IdentitiesOnly}. Host keys are verified against known_hosts; unknown ones are accepted only as
 * {@link HostKeyPolicy} and the config allow, changed ones never.
 *
 * <p>{@link #start} opens one session, finds the node's cache folder and java, uploads the agent jar unless the cache
 * has it, and runs {@code java -jar} on it; the returned channel owns the session.
 */
public final class SshTransport implements NodeTransport {
    private final SshTarget target;
    private final SshSettings settings;
    private final LocalUser local;

    /**
     * @param alias the host as the user typed it: an alias of the ssh config, or a host name
     * @throws dirt.transport.TransportException when the ssh config cannot be read or is invalid for this host
     */
    public SshTransport(String alias, SshSettings settings, HostKeyPolicy hostKeys) {
        this(alias, settings, hostKeys, LocalUser.current());
    }

    SshTransport(String alias, SshSettings settings, HostKeyPolicy hostKeys, LocalUser local) {
        requireNonNull(alias, "alias is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.local = requireNonNull(local, "local is null");
        this.target = SshConfigResolver.resolve(alias, settings, requireNonNull(hostKeys, "hostKeys is null"), local);
    }

    @Override
    public AgentChannel start(AgentJar agent) {
        requireNonNull(agent, "agent is null");
        Session session = SshConnector.connect(target, settings, local);
        try {
            RemoteCache cache = new RemoteCache(session, target);
            RemoteLayout layout = cache.probe(settings.remoteCache(), agent);
            String java = layout.java().orElseThrow(() -> javaMissing(layout));
            boolean upload = !layout.agentPresent();
            if (upload) {
                cache.upload(layout, agent);
            }
            String command = SshAgentChannel.command(layout.cache(), java, layout.jar(agent.cacheName()));
            return SshAgentChannel.open(session, Shell.sh(command), upload, settings.connectTimeout());
        } catch (JSchException e) {
            session.disconnect();
            throw ConnectFailures.lost(target, e);
        } catch (RuntimeException e) {
            session.disconnect();
            throw e;
        }
    }

    private AgentStartException javaMissing(RemoteLayout layout) {
        return new AgentStartException("java not found on node \"" + target.alias() + "\": PATH=\"" + layout.path()
                + "\" JAVA_HOME=\"" + layout.javaHome() + "\" — install a Java 17+ runtime there (Debian: apt-get"
                + " install openjdk-17-jre-headless) or set JAVA_HOME in ~/.ssh/environment");
    }

    /** E.g. {@code ssh build7 (10.0.0.7:22, user "ci")}. */
    @Override
    public String describe() {
        return target.describe();
    }

    /** The alias this transport was made for, which names the node. */
    public String alias() {
        return target.alias();
    }

    @Override
    public String toString() {
        return describe();
    }
}
