package dirt.cli;

import dirt.DirtException;
import dirt.config.Settings;
import dirt.store.StoreUnreachableException;
import dirt.store.UnauthorizedException;
import dirt.store.local.LocalCouch;
import dirt.store.local.LocalCouchPaths;
import dirt.store.local.LocalCouchStatus;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** Makes sure a CouchDB answers at the configured URL, starting dirt's local pouchdb-server when none does. */
final class LocalServer {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final CliContext cli;
    private final LocalCouch local;

    LocalServer(CliContext cli) {
        this.cli = cli;
        this.local = new LocalCouch(LocalCouchPaths.defaults(cli.env(), cli.userHome()));
    }

    LocalCouch local() {
        return local;
    }

    /** What answers at the settings' URL ("vendor version"), or empty when nothing does. */
    Optional<String> answering(Settings settings) {
        try (var couch = cli.couch(settings)) {
            var info = couch.serverInfo();
            return Optional.of(info.vendor() + " " + info.version());
        } catch (UnauthorizedException e) {
            return Optional.of("a CouchDB that wants other credentials");
        } catch (StoreUnreachableException e) {
            return Optional.empty();
        }
    }

    /** Starts the local server on the URL's port unless something answers there already; says what it did. */
    void ensureRunning(Settings settings) {
        URI url = settings.couch().url();
        Optional<String> answering = answering(settings);
        if (answering.isPresent()) {
            cli.out().printf("CouchDB answers at %s (%s)%n", display(url), answering.get());
            return;
        }
        if (!LOOPBACK.contains(url.getHost())) {
            throw new StoreUnreachableException(String.format(
                    "cannot reach CouchDB at %s, and dirt starts a local server only for 127.0.0.1 or localhost"
                            + " URLs — start that CouchDB, or use --couch http://127.0.0.1:5984",
                    display(url)),
                    null);
        }
        if (!LocalCouch.isInstalled(local.paths().installDir())) {
            cli.out().printf(
                    "Installing %s into %s (first use, about a minute)...%n",
                    LocalCouch.PACKAGE, local.paths().installDir());
            cli.out().flush();
            local.ensureInstalled();
        }
        int port = url.getPort() == -1 ? LocalCouch.DEFAULT_PORT : url.getPort();
        LocalCouchStatus status = local.startDetached(port, false);
        if (!status.running()) {
            throw new DirtException("the local CouchDB-compatible server did not start: " + status.describe()
                    + " — see " + local.paths().logFile());
        }
        cli.out().printf(
                "Started a local CouchDB-compatible server (pouchdb-server) at %s; data in %s, log in %s%n",
                status.url().map(URI::toString).orElse(display(url)),
                local.paths().dataDir(),
                local.paths().logFile());
    }

    private static String display(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
