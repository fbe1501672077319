package dirt.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts; they override the project's settings.toml. */
final class GlobalOptions {
    @Option(
            names = "--couch",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description = "CouchDB URL, credentials allowed (http://user:pass@host:5984). Env: DIRT_COUCH_URL.")
    String couchUrl;

    @Option(names = "--db", paramLabel = "NAME", scope = ScopeType.INHERIT, description = "Database name.")
    String database;

    @Option(
            names = "--project",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Project folder holding settings.toml (default: the current folder).")
    Path project;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print stack traces and debug logging.")
    boolean verbose;
}
