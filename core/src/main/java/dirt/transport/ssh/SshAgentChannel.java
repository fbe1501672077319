package dirt.transport.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dirt.transport.AgentChannel;
import dirt.transport.AgentJvm;
import dirt.transport.StderrTail;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent running on the node over an exec channel. Closing it ends stdin, gives the agent a moment to exit, then
 * kills it (TERM, then KILL) and closes the channel and the session: bounded, whatever the agent does. The kill is a
 * {@code kill} command on the same session, to the process id the start command reported on stderr: sshd ignores
 * SSH signal requests in root sessions.
 */
final class SshAgentChannel implements AgentChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SshAgentChannel.class);
    static final Duration EXIT_GRACE = Duration.ofSeconds(2);
    static final Duration SIGNAL_GRACE = Duration.ofSeconds(2);

    private final Session session;
    private final ChannelExec channel;
    private final OutputStream requests;
    private final InputStream responses;
    private final StderrTail stderr;
    private final boolean uploaded;
    private boolean closed;

    private SshAgentChannel(Session session, ChannelExec channel, OutputStream requests, InputStream responses,
            StderrTail stderr, boolean uploaded) {
        this.session = session;
        this.channel = channel;
        this.requests = requests;
        this.responses = responses;
        this.stderr = stderr;
        this.uploaded = uploaded;
    }

    /** Runs {@code command} (the agent) on an exec channel of {@code session}; the channel owns the session from here. */
    static SshAgentChannel open(Session session, String command, boolean uploaded, Duration timeout)
            throws JSchException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        StderrTail stderr = new StderrTail();
        try {
            channel.setCommand(command);
            channel.setErrStream(stderr, true);
            InputStream responses = channel.getInputStream();
            OutputStream requests = channel.getOutputStream();
            channel.connect(SshConnector.timeoutMillis(timeout));
            return new SshAgentChannel(session, channel, requests, responses, stderr, uploaded);
        } catch (IOException e) {
            channel.disconnect();
            throw new JSchException("cannot open the agent's streams: " + e.getMessage(), e);
        } catch (JSchException | RuntimeException e) {
            channel.disconnect();
            throw e;
        }
    }

    @Override
    public OutputStream requests() {
        return requests;
    }

    @Override
    public InputStream responses() {
        return responses;
    }

    @Override
    public boolean uploadedAgent() {
        return uploaded;
    }

    @Override
    public String stderrTail() {
        return stderr.text();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            requests.close();
        } catch (IOException e) {
            LOG.debug("closing the agent's stdin failed: {}", e.toString());
        }
        if (!Waits.until(channel::isClosed, EXIT_GRACE)) {
            kill("TERM");
            if (!Waits.until(channel::isClosed, SIGNAL_GRACE)) {
                kill("KILL");
                Waits.until(channel::isClosed, SIGNAL_GRACE);
            }
        }
        channel.disconnect();
        session.disconnect();
    }

    /**
     * The start command's line for the agent: report the process id on stderr, then become the agent (with {@link
     * AgentJvm}'s options).
     */
    static String command(String folder, String java, String jar) {
        return "echo " + StderrTail.PID_PREFIX + "$$ >&2; cd " + Shell.quote(folder) + " && exec " + Shell.quote(java)
                + " " + AgentJvm.shellWords() + " -jar " + Shell.quote(jar);
    }

    /** Signals the agent's process group (it leads one when the login shell exec'ed it), else the agent alone. */
    private void kill(String signal) {
        if (stderr.pid().isEmpty() || !session.isConnected()) {
            return;
        }
        long pid = stderr.pid().getAsLong();
        String command = "kill -s " + signal + " -- -" + pid + " 2>/dev/null || kill -s " + signal + " " + pid;
        try {
            RemoteShell.run(session, Shell.sh(command), InputStream.nullInputStream(), SIGNAL_GRACE);
        } catch (JSchException | RuntimeException e) {
            LOG.debug("sending {} to the agent failed: {}", signal, e.toString());
        }
    }
}
