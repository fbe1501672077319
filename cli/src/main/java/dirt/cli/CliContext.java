package dirt.cli;

import dirt.config.ConfigException;
import dirt.config.Settings;
import dirt.config.SettingsLoader;
import dirt.localcouch.LocalCouch;
import dirt.localcouch.LocalCouchPaths;
import dirt.store.Database;
import dirt.store.DatabaseAddress;
import dirt.store.RequestObserver;
import dirt.store.couch.CouchServer;
import dirt.webhook.WebhookClient;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** What every command needs: the global options, the project's settings with overrides applied, its database. */
final class CliContext {
    private final GlobalOptions global;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;

    private final Path workingDir;

    private CliContext(GlobalOptions global, PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir) {
        this.global = global;
        this.workingDir = workingDir;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    static CliContext of(CommandSpec spec) {
        var main = (Main) spec.root().userObject();
        var cli = spec.commandLine();
        return new CliContext(main.global, cli.getOut(), cli.getErr(), main.env, main.workingDir);
    }

    GlobalOptions global() {
        return global;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Path workingDir() {
        return workingDir;
    }

    Map<String, String> env() {
        return env;
    }

    /**
     * The terminal to draw progress bars on (stderr), or null when output goes to a file, a pipe or a CI log, or
     * {@code TERM=dumb}: then commands print plain lines instead.
     */
    java.io.PrintStream terminal() {
        return System.console() != null && !"dumb".equals(env.get("TERM")) ? System.err : null;
    }

    /** $HOME from the environment, else the JVM's user.home. */
    Path userHome() {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    Path projectDir() {
        return global.project != null ? workingDir.resolve(global.project) : workingDir;
    }

    /** The settings of the project folder (--project or the current folder), with the global overrides applied. */
    Settings settings() {
        return settingsOf(projectDir());
    }

    Settings settingsOf(Path projectDir) {
        return withOverrides(SettingsLoader.load(projectDir, env));
    }

    /** The project's settings when there is a project here, otherwise defaults for a project called {@code name}. */
    Settings settingsOrDefaults(Path projectDir, String name) {
        if (Files.exists(projectDir.resolve(SettingsLoader.FILE_NAME))) {
            return settingsOf(projectDir);
        }
        return withOverrides(Settings.defaults(name, env));
    }

    private Settings withOverrides(Settings settings) {
        String url = global.couchUrl != null ? global.couchUrl : env.get("DIRT_COUCH_URL");
        if (url != null && !url.isBlank()) {
            settings = settings.withCouchUrl(couchUrl(url.strip()));
        }
        if (global.database != null) {
            settings = settings.withDatabase(global.database);
        }
        return settings;
    }

    private static URI couchUrl(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            // The URL may hold a password: say where it breaks, never echo it. A settings problem, as any other
            // unusable CouchDB URL (exit 4).
            throw new ConfigException(String.format(
                    "the CouchDB URL from --couch or DIRT_COUCH_URL is not a URL: %s at index %d — use e.g."
                            + " http://127.0.0.1:5984",
                    e.getReason(), e.getIndex()));
        }
    }

    /**
     * The database {@code settings} name, on the settings' CouchDB. When neither the settings nor the URL carry
     * credentials and the URL is that of the server which {@code dirt couch start} runs (pouchdb-server or CouchDB from
     * a release; loopback, same port), it logs in as that server's admin ({@link LocalCouch#adminFor}), so a local
     * server needs no account from the user.
     */
    Database database(Settings settings) {
        return database(settings, RequestObserver.NONE);
    }

    /** The client notifications post webhooks with. */
    WebhookClient webhookClient() {
        return CouchServer.webhookClient();
    }

    /** {@link #database(Settings)} whose requests are told to {@code observer} (serve's metrics). */
    Database database(Settings settings, RequestObserver observer) {
        DatabaseAddress address = address(settings);
        if (address.hasCredentials()) {
            return CouchServer.open(address, observer);
        }
        return CouchServer.open(localCouch().adminFor(address.url())
                .map(admin -> address.withCredentials(admin.user(), admin.password()))
                .orElse(address), observer);
    }

    /** Where the settings' database is, with the settings' credentials. */
    static DatabaseAddress address(Settings settings) {
        return settings.couch().address();
    }

    /** dirt's local server, with its files below {@code $DIRT_HOME_DIR} or {@code ~/.dirt}. */
    LocalCouch localCouch() {
        return new LocalCouch(LocalCouchPaths.defaults(env, userHome()));
    }
}
