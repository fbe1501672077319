package dirt.cli;

import dirt.DirtException;
import dirt.config.Settings;
import dirt.localcouch.CouchRelease;
import dirt.localcouch.LocalCouch;
import dirt.localcouch.LocalCouchStatus;
import dirt.store.StoreUnreachableException;
import dirt.store.UnauthorizedException;
import java.net.URI;
import java.util.Optional;

/**
 * Makes sure a CouchDB answers at the configured URL, starting dirt's local server when none does: Apache CouchDB from
 * the release that {@code [couch] release} (or {@code DIRT_COUCHDB_HOME}, or {@code --release}) names, else
 * pouchdb-server.
 */
final class LocalServer {
    private final CliContext cli;
    private final LocalCouch local;

    LocalServer(CliContext cli) {
        this.cli = cli;
        this.local = cli.localCouch();
    }

    LocalCouch local() {
        return local;
    }

    /** What answers at the settings' URL ("vendor version"), or empty when nothing does. */
    Optional<String> answering(Settings settings) {
        try (var database = cli.database(settings)) {
            return Optional.of(database.serverVersion());
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
            warnIfWithoutAdmin(url);
            return;
        }
        if (!LocalCouch.isLoopback(url)) {
            throw new StoreUnreachableException(String.format(
                    "cannot reach CouchDB at %s, and dirt starts a local server only for 127.0.0.1 or localhost"
                            + " URLs — start that CouchDB, or use --couch http://127.0.0.1:5984",
                    display(url)),
                    null);
        }
        int port = LocalCouch.port(url);
        Optional<CouchRelease> couchDb = settings.couch().release().map(CouchRelease::at);
        LocalCouchStatus status = couchDb.isPresent() ? local.startDetached(port, couchDb.get()) : startPouchDb(port);
        if (!status.running()) {
            throw new DirtException("the local CouchDB-compatible server did not start: " + status.describe()
                    + " — see " + (couchDb.isPresent() ? local.couchDbLogFile() : local.paths().logFile()));
        }
        if (status.url().map(LocalCouch::port).orElse(port) != port) {
            throw new DirtException("dirt's local server runs already on another port: " + status.describe()
                    + " — stop it with 'dirt couch stop', or use --couch " + status.url().orElseThrow());
        }
        report(couchDb, status.url().map(URI::toString).orElse(display(url)));
    }

    private void report(Optional<CouchRelease> couchDb, String at) {
        if (couchDb.isPresent()) {
            cli.out().printf("Started %s at %s; data and log in %s%n", couchDb.get().describe(), at,
                    local.paths().couchDbDir());
            cli.out().printf("Its admin's credentials are in %s (readable by you only); dirt uses them for %s when"
                    + " the URL carries none%n", local.adminFile(), at);
        } else {
            cli.out().printf(
                    "Started a local CouchDB-compatible server (pouchdb-server) at %s; data in %s, log in %s%n", at,
                    local.paths().dataDir(), local.paths().logFile());
            cli.out().printf("Its admin's credentials are in %s (readable by you only); dirt uses them for %s when"
                    + " the URL carries none%n", local.pouchDbAdminFile(), at);
        }
    }

    /** A pouchdb-server started by an earlier dirt has no admin: everyone who reaches it may change it. */
    private void warnIfWithoutAdmin(URI url) {
        if (local.runsWithoutAdmin(url)) {
            cli.err().printf("warning: the local pouchdb-server at %s was started by an earlier version of dirt and"
                    + " has no admin, so every program on this machine may change it — restart it to give it one"
                    + " (the data is kept): dirt couch stop && dirt couch start%n", display(url));
        }
    }

    private LocalCouchStatus startPouchDb(int port) {
        if (!LocalCouch.isInstalled(local.paths().installDir())) {
            cli.out().printf(
                    "Installing %s into %s (first use, about a minute)...%n",
                    LocalCouch.PACKAGE, local.paths().installDir());
            cli.out().flush();
            local.ensureInstalled();
        }
        return local.startDetached(port, false);
    }

    private static String display(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
