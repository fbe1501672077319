package dirt.transport.ssh;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dirt.transport.AgentJar;
import dirt.transport.AgentStartException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

/**
 * The node's cache folder for agent jars: one probe finds the folder ({@code ~} expanded on the node), java, and
 * whether this agent version is there; an upload writes the jar to a temporary name and renames it, so that a jar in
 * the cache is always whole.
 */
final class RemoteCache {
    /** How long probing or uploading may take once connected. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Session session;
    private final SshTarget target;

    RemoteCache(Session session, SshTarget target) {
        this.session = session;
        this.target = target;
    }

    RemoteLayout probe(String remoteCache, AgentJar agent) throws JSchException {
        String script = probeScript(remoteCache, agent.cacheName());
        RemoteShell.Result result = run("/bin/sh -s", new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                "inspect");
        return RemoteLayout.parse(result.stdout()).filter(layout -> result.exitStatus() == 0)
                .orElseThrow(() -> new AgentStartException("cannot inspect node \"" + target.alias() + "\": exit="
                        + result.exitStatus() + " stderr=\"" + result.stderr() + "\" — check that /bin/sh works there"
                        + " and that [ssh] remote_cache (\"" + remoteCache + "\") is a usable folder name"));
    }

    static String probeScript(String remoteCache, String cacheName) {
        return "cache=" + cacheExpression(remoteCache) + "\n"
                + "case \"$cache\" in /*) ;; *) cache=\"$HOME/$cache\" ;; esac\n"
                + "java=\n"
                + "if command -v java >/dev/null 2>&1; then java=$(command -v java)\n"
                + "elif [ -n \"${JAVA_HOME:-}\" ] && [ -x \"$JAVA_HOME/bin/java\" ]; then java=\"$JAVA_HOME/bin/java\"\n"
                + "fi\n"
                + "if [ -f \"$cache\"/" + Shell.quote(cacheName) + " ]; then present=yes; else present=no; fi\n"
                + "printf 'cache=%s\\njava=%s\\npresent=%s\\npath=%s\\njava_home=%s\\n' \"$cache\" \"$java\""
                + " \"$present\" \"$PATH\" \"${JAVA_HOME:-}\"\n";
    }

    /** {@code ~} and {@code ~/x} mean the remote user's home. */
    static String cacheExpression(String remoteCache) {
        if (remoteCache.equals("~")) {
            return "\"$HOME\"";
        }
        if (remoteCache.startsWith("~/")) {
            return "\"$HOME\"/" + Shell.quote(remoteCache.substring(2));
        }
        return Shell.quote(remoteCache);
    }

    void upload(RemoteLayout layout, AgentJar agent) throws JSchException {
        String cache = Shell.quote(layout.cache());
        String script = "mkdir -p " + cache + " && tmp=" + cache + "/." + Shell.quote(agent.cacheName()) + ".$$.tmp"
                + " && { cat > \"$tmp\" && mv -f \"$tmp\" " + Shell.quote(layout.jar(agent.cacheName()))
                + " || { rm -f \"$tmp\"; exit 1; }; }";
        RemoteShell.Result result;
        try (InputStream jar = Files.newInputStream(agent.path())) {
            result = run(Shell.sh(script), jar, "upload the agent to");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent jar: path=\"" + agent.path() + "\"", e);
        }
        if (result.exitStatus() != 0) {
            throw new AgentStartException("cannot upload the agent to node \"" + target.alias() + "\": path=\""
                    + layout.jar(agent.cacheName()) + "\" exit=" + result.exitStatus() + " stderr=\""
                    + result.stderr() + "\" — free some disk space or fix the permissions there, or set"
                    + " [ssh] remote_cache to a writable folder");
        }
    }

    private RemoteShell.Result run(String command, InputStream stdin, String what) throws JSchException {
        return RemoteShell.run(session, command, stdin, COMMAND_TIMEOUT)
                .orElseThrow(() -> new AgentStartException("cannot " + what + " node \"" + target.alias()
                        + "\": no answer within " + ConnectFailures.format(COMMAND_TIMEOUT)
                        + " — check the node's load and disk"));
    }
}
