package dirt.transport.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dirt.transport.StderrTail;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Runs one command on the node over an exec channel of an open session, feeding it stdin and collecting its output. */
final class RemoteShell {
    private RemoteShell() {
    }

    record Result(int exitStatus, String stdout, String stderr) {
    }

    /** The command's result, or empty when it did not end within {@code timeout} (the channel is then closed). */
    static Optional<Result> run(Session session, String command, InputStream stdin, Duration timeout)
            throws JSchException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        StderrTail stderr = new StderrTail();
        try {
            channel.setCommand(command);
            channel.setInputStream(stdin, true);
            channel.setOutputStream(stdout, true);
            channel.setErrStream(stderr, true);
            channel.connect(SshConnector.timeoutMillis(timeout));
            if (!Waits.until(channel::isClosed, timeout)) {
                return Optional.empty();
            }
            return Optional.of(new Result(channel.getExitStatus(), stdout.toString(StandardCharsets.UTF_8),
                    stderr.text()));
        } finally {
            channel.disconnect();
        }
    }
}
