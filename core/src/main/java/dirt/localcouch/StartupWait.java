package dirt.localcouch;

import dirt.store.StoreException;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Waits until a server that was just spawned is ready (polls every 100 ms), and kills it when it dies or takes too
 * long, with a message that names the server, its port and the end of its log.
 *
 * @param name    the server's name for messages: "pouchdb-server" or "CouchDB"
 * @param probe   how to reach it
 * @param ready   whether it is ready; a {@link StoreException} counts as not yet, a {@link LocalCouchException} ends
 *                the wait (and the server)
 * @param logFile where its output goes
 * @param timeout how long to wait
 */
record StartupWait(String name, CouchConfig probe, Predicate<CouchClient> ready, Path logFile, Duration timeout) {
    private static final Duration POLL = Duration.ofMillis(100);

    void await(Process process) {
        int port = probe.url().getPort();
        long deadline = System.nanoTime() + timeout.toNanos();
        CouchConfig config = probe.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
        try (CouchClient client = CouchClient.create(config)) {
            while (!isReady(client, process)) {
                if (!process.isAlive()) {
                    throw exited(process.exitValue(), port);
                }
                if (System.nanoTime() > deadline) {
                    ServerLauncher.kill(process);
                    throw new LocalCouchException(name + " did not answer within " + timeout.toSeconds() + "s: url="
                            + probe.url() + " log=\"" + logFile + "\" — see the log. Last lines:\n"
                            + LogTail.of(logFile, 15));
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            ServerLauncher.kill(process);
            Thread.currentThread().interrupt();
            throw new LocalCouchException("interrupted while waiting for " + name + " to start: port=" + port, e);
        }
    }

    private boolean isReady(CouchClient client, Process process) {
        try {
            return ready.test(client);
        } catch (StoreException notYet) {
            return false;
        } catch (LocalCouchException wrong) {
            ServerLauncher.kill(process);
            throw wrong;
        }
    }

    private LocalCouchException exited(int exit, int port) {
        if (LogTail.contains(logFile, "EADDRINUSE") || LogTail.contains(logFile, "eaddrinuse")) {
            return ServerLauncher.portInUse(port);
        }
        return new LocalCouchException(name + " exited while starting: exit=" + exit + " port=" + port + " log=\""
                + logFile + "\" — see the log. Last lines:\n" + LogTail.of(logFile, 15));
    }

    @Override
    public String toString() {
        return "StartupWait[" + name.toLowerCase(Locale.ROOT) + " " + probe.url() + "]";
    }
}
