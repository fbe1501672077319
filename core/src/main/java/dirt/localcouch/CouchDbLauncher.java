package dirt.localcouch;

import dirt.store.UnauthorizedException;
import dirt.store.couch.CouchConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an Apache CouchDB single node from a release, detached, with everything of its own under
 * {@link LocalCouchPaths#couchDbDir()}: {@code data/}, {@code views/}, {@code vm.args} and {@code dirt.ini} (written
 * at every start: port, folders, single node), {@code local.ini} (written with the admin: the node's uuid, cookie
 * secret and admin; CouchDB hashes the password there and keeps its own changes there), {@code admin.json} (the
 * admin's credentials, for the CLI), {@code .erlang.cookie} (read by Erlang from {@code HOME}, so it never shows on a
 * command line) and {@code couchdb.log}.
 */
final class CouchDbLauncher {
    /**
     * The start of the Erlang node name, {@code dirt-couch-PORT-RANDOM@127.0.0.1} with the port of the folder's first
     * start (older folders: {@code dirt-couch-PORT@127.0.0.1}), kept for the folder's life.
     */
    static final String NODE_PREFIX = "dirt-couch-";
    static final String ADMIN_FILE = "admin.json";
    private static final Logger log = LoggerFactory.getLogger(LocalCouch.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalCouchPaths paths;
    private final Duration startTimeout;
    private final PouchDbInstaller commands;

    /** @param commands finds {@code setsid} on the PATH */
    CouchDbLauncher(LocalCouchPaths paths, Duration startTimeout, PouchDbInstaller commands) {
        this.paths = paths;
        this.startTimeout = startTimeout;
        this.commands = commands;
    }

    Path dir() {
        return paths.couchDbDir();
    }

    Path logFile() {
        return dir().resolve("couchdb.log");
    }

    Path adminFile() {
        return dir().resolve(ADMIN_FILE);
    }

    /** Writes the configuration (and, on first start, the admin) and starts the node in its own session. */
    Process spawn(CouchRelease release, int port) {
        requireNoSpaces(release.dir());
        requireNoSpaces(dir());
        ServerLauncher.requireFreePort(port);
        try {
            configure(port);
            List<String> command = new ArrayList<>();
            commands.executable("setsid").ifPresent(setsid -> command.add(setsid.toString()));
            command.add(release.executable().toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(release.dir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.put("HOME", dir().toString());
            env.put("COUCHDB_ARGS_FILE", dir().resolve(VmArgs.FILE_NAME).toString());
            env.put("COUCHDB_INI_FILES", release.defaultIni() + " " + dir().resolve("dirt.ini") + " "
                    + dir().resolve("local.ini"));
            log.debug("starting {} on port {}: {}", release.describe(), port, command);
            return builder.start();
        } catch (IOException e) {
            throw new LocalCouchException("cannot start CouchDB: release=\"" + release.dir() + "\" port=" + port
                    + " dir=\"" + dir() + "\" cause=\"" + e.getMessage() + "\" — check that the release runs on this"
                    + " machine ('" + release.executable() + "' in a terminal) and that the folder is writable", e);
        }
    }

    /** Waits until the node answers its admin and has its system databases; kills it when it does not. */
    void awaitReady(Process process, int port) {
        LocalAdmin admin = LocalAdmin.read(adminFile()).orElseThrow(() -> new LocalCouchException("the local"
                + " CouchDB's credentials are gone: file=\"" + adminFile() + "\" — start it again"));
        CouchConfig probe = CouchConfig.of(ServerLauncher.url(port).toString()).withCredentials(admin.user(),
                admin.password());
        new StartupWait("CouchDB", probe, client -> {
            try {
                return client.database("_users").exists();
            } catch (UnauthorizedException e) {
                throw new LocalCouchException("CouchDB refused the admin in " + adminFile() + ": port=" + port
                        + " — its password was changed in CouchDB: delete " + adminFile() + " and start it again"
                        + " (dirt makes a new admin; the databases are kept)", e);
            }
        }, logFile(), startTimeout).await(process);
    }

    /**
     * The admin in {@code admin.json}; makes one (and a new {@code local.ini}) when there is none, and writes
     * {@code local.ini} again when only it is missing.
     */
    private LocalAdmin admin() throws IOException {
        Path localIni = dir().resolve("local.ini");
        var existing = LocalAdmin.read(adminFile());
        if (existing.isPresent() && Files.exists(localIni)) {
            return existing.get();
        }
        Files.deleteIfExists(localIni);
        LocalAdmin admin = existing.isPresent() ? existing.get() : LocalAdmin.create(adminFile());
        LocalAdmin.writePrivate(localIni, localIni(admin));
        return admin;
    }

    private void configure(int port) throws IOException {
        if (!Files.isDirectory(dir())) {
            Files.createDirectories(dir().getParent());
            Files.createDirectory(dir(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createDirectories(dir().resolve("data"));
        Files.createDirectories(dir().resolve("views"));
        admin();
        try {
            Path cookie = dir().resolve(".erlang.cookie");
            LocalAdmin.writePrivate(cookie, random(20));
            Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        } catch (FileAlreadyExistsException kept) {
            // made at the first start
        }
        // The node keeps the name of its first start: its databases' shards are placed on that node by name, so a
        // new name (a start on another port) would find none of them ("No DB shards could be opened").
        String name = VmArgs.nodeNameIn(dir()).filter(kept -> kept.startsWith(NODE_PREFIX))
                .orElseGet(() -> NODE_PREFIX + port + "-" + random(3) + "@127.0.0.1");
        new VmArgs(name, Optional.empty()).writeIn(dir());
        Files.writeString(dir().resolve("dirt.ini"), dirtIni(port));
    }

    private String dirtIni(int port) {
        return """
                ; Written by dirt at every start of this server; local.ini, read after it, overrides it.
                [couchdb]
                database_dir = %1$s/data
                view_index_dir = %1$s/views
                single_node = true
                max_document_size = 67108864
                [cluster]
                n = 1
                [chttpd]
                port = %2$d
                bind_address = 127.0.0.1
                [httpd]
                ; CouchDB 3 serves only the port above; 0 keeps a release that still opens the node-local port off 5986
                port = 0
                bind_address = 127.0.0.1
                [log]
                writer = stderr
                level = warning
                """.formatted(dir(), port);
    }

    private static String localIni(LocalAdmin admin) {
        return """
                ; Written by dirt with admin.json; CouchDB replaces the password below by its hash when it starts, and
                ; keeps configuration changed through its API here.
                [couchdb]
                uuid = %s
                [chttpd_auth]
                secret = %s
                [admins]
                %s = %s
                """.formatted(random(16), random(32), admin.user(), admin.password());
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static void requireNoSpaces(Path dir) {
        if (dir.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new LocalCouchException("CouchDB cannot run from or keep data in a folder whose path has spaces:"
                    + " dir=\"" + dir + "\" — move the release, or set DIRT_HOME_DIR to a folder without spaces");
        }
    }
}
