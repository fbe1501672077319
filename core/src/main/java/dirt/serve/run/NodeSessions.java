package dirt.serve.run;

import dirt.node.NodeName;
import dirt.project.TaskJar;
import dirt.transport.AgentClient;
import dirt.transport.AgentJar;
import dirt.transport.NodeTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open agent per node, shared by every task that runs there: one SSH login and one JVM per node, not per task.
 * The project's task jar is shipped to a node once per version. A session that failed is dropped and opened again
 * by the next task.
 */
public final class NodeSessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeSessions.class);

    private final Function<NodeName, NodeTransport> transports;
    private final AgentJar agent;
    private final TaskJar taskJar;
    private final Duration timeout;
    private final String taskJarName;
    private final Map<NodeName, Session> sessions = new ConcurrentHashMap<>();

    public NodeSessions(Function<NodeName, NodeTransport> transports, AgentJar agent, TaskJar taskJar,
            Duration timeout) {
        this.transports = transports;
        this.agent = agent;
        this.taskJar = taskJar;
        this.timeout = timeout;
        this.taskJarName = "tasks-" + sha256(taskJar.jar()) + ".jar";
    }

    /** The node's agent, connected and holding the task jar; may block while it connects. */
    AgentClient agent(NodeName node) {
        return sessions.computeIfAbsent(node, Session::new).client();
    }

    /** The name of the task jar in the nodes' caches: named by its content, so each version is shipped once. */
    public String taskJarName() {
        return taskJarName;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the task jar " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets a node's session after a transport failure; the next task opens a new one. */
    void broken(NodeName node, AgentClient client) {
        Session session = sessions.get(node);
        if (session != null && session.drop(client)) {
            sessions.remove(node, session);
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(Session::close);
        sessions.clear();
    }

    private final class Session {
        private final NodeName node;
        private AgentClient client;

        Session(NodeName node) {
            this.node = node;
        }

        synchronized AgentClient client() {
            if (client == null || !client.isOpen()) {
                AgentClient fresh = AgentClient.connect(transports.apply(node), agent, timeout);
                try {
                    boolean uploaded = fresh.ensureFile(taskJarName(), taskJar.jar());
                    log.info("connected to node {}{}", node, uploaded ? ", shipped " + taskJarName() : "");
                } catch (RuntimeException e) {
                    fresh.close();
                    throw e;
                }
                client = fresh;
            }
            return client;
        }

        synchronized boolean drop(AgentClient failed) {
            if (client != failed) {
                return false;
            }
            client.close();
            client = null;
            return true;
        }

        synchronized void close() {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }
}
