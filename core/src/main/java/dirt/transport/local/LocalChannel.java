package dirt.transport.local;

import dirt.transport.AgentChannel;
import dirt.transport.StderrTail;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent running as a child process: its stdin and stdout, and the last lines of its stderr. Closing ends the agent
 * for sure: end of stdin first (the agent exits on it), then SIGTERM, then SIGKILL, each after a grace period.
 */
final class LocalChannel implements AgentChannel {
    static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration TAIL_WAIT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(LocalChannel.class);

    private final Process process;
    private final boolean uploadedAgent;
    private final StderrTail stderr = new StderrTail();
    private final Thread stderrPump;
    private final InputStream responses;
    private final OutputStream requests;
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalChannel(Process process, boolean uploadedAgent) {
        this.process = process;
        this.uploadedAgent = uploadedAgent;
        this.responses = new FilterInputStream(process.getInputStream()) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return ended(super.read(buffer, offset, length));
            }
        };
        this.requests = new FilterOutputStream(process.getOutputStream()) {
            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                try {
                    out.write(buffer, offset, length);
                } catch (IOException e) {
                    ending.set(true);
                    throw e;
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    ending.set(true);
                    throw e;
                }
            }
        };
        this.stderrPump = new Thread(this::pumpStderr, "dirt-agent-stderr local pid " + process.pid());
        stderrPump.setDaemon(true);
        stderrPump.start();
    }

    private void pumpStderr() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), nativeCharset()))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                LOG.debug("agent (local pid {}): {}", process.pid(), line);
                stderr.add(line);
            }
        } catch (IOException e) {
            LOG.debug("stderr of the local agent pid {} ended: {}", process.pid(), e.toString());
        }
    }

    /** What the JVM's own messages (e.g. "Invalid or corrupt jarfile") are written in. */
    private static Charset nativeCharset() {
        try {
            return Charset.forName(System.getProperty("native.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
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

    /** Notes the end of the agent's stdout: the agent is ending, so its stderr will soon be complete. */
    private int ended(int read) {
        if (read == -1) {
            ending.set(true);
        }
        return read;
    }

    @Override
    public boolean uploadedAgent() {
        return uploadedAgent;
    }

    /**
     * The last 50 lines of the agent's stderr. Once the agent is ending (its stdout ended, its stdin broke, or it
     * exited), its last words count most: this waits (at most 2 s each) for it to exit and for its stderr to be read
     * to the end.
     */
    @Override
    public String stderrTail() {
        if (ending.get() || !process.isAlive()) {
            waitFor(TAIL_WAIT);
            join(stderrPump, TAIL_WAIT);
        }
        return stderr.text();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeInBackground(process.getOutputStream());
        if (!waitFor(GRACE)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!waitFor(GRACE)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                if (!waitFor(GRACE)) {
                    LOG.warn("the local agent pid {} did not end after SIGKILL", process.pid());
                }
            }
        }
        closeInBackground(process.getInputStream());
        join(stderrPump, Duration.ofSeconds(1));
    }

    /** Closes {@code stream} on a thread of its own: a writer blocked on a full pipe holds its lock until the end. */
    private static void closeInBackground(Closeable stream) {
        Thread closer = new Thread(() -> {
            try {
                stream.close();
            } catch (IOException e) {
                // the process is gone: nothing to close
            }
        }, "dirt-agent-close");
        closer.setDaemon(true);
        closer.start();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
