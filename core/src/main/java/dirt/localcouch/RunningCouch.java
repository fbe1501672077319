package dirt.localcouch;

import dirt.store.couch.CouchConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pouchdb-server started by this JVM with {@link LocalCouch#start}. It ends when closed, and on its own when the
 * JVM goes away (it watches its standard input), so a crashed test run leaves no server behind.
 */
public final class RunningCouch implements AutoCloseable {
    private static final long GRACEFUL_SECONDS = 10;

    private final Process process;
    private final URI url;
    private final Path logFile;

    RunningCouch(Process process, URI url, Path logFile) {
        this.process = process;
        this.url = url;
        this.logFile = logFile;
    }

    /** {@code http://127.0.0.1:PORT}, no credentials. */
    public URI url() {
        return url;
    }

    public int port() {
        return url.getPort();
    }

    /** A client config for this server with the default timeouts. */
    public CouchConfig config() {
        return CouchConfig.of(url.toString());
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server (closes its stdin, then SIGTERM/SIGKILL if needed); bounded, idempotent. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (process.waitFor(GRACEFUL_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServerLauncher.kill(process);
    }

    @Override
    public String toString() {
        return "RunningCouch[url=" + url + ", pid=" + process.pid() + ", alive=" + process.isAlive() + "]";
    }
}
