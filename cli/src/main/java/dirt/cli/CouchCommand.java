package dirt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "couch",
        mixinStandardHelpOptions = true,
        description = {
            "Run dirt's local CouchDB server: Apache CouchDB from a release folder when --release, [couch] release"
                    + " or DIRT_COUCHDB_HOME names one, else pouchdb-server (installed with npm on first use).",
            "It listens on the configured URL's port on 127.0.0.1 and keeps its data under ~/.dirt"
                    + " (or $DIRT_HOME_DIR). It gets an admin with a random password on first start, kept in"
                    + " ~/.dirt/couch-data/admin.json (pouchdb-server) or ~/.dirt/couchdb/admin.json (CouchDB),"
                    + " readable by you only; dirt uses it when the URL carries no credentials. CORS is off."
        },
        subcommands = {CouchCommand.Start.class, CouchCommand.Stop.class, CouchCommand.Status.class})
final class CouchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start it unless a CouchDB answers already.")
    static final class Start implements Callable<Integer> {
        @Option(
                names = "--release",
                paramLabel = "DIR",
                description = "Run Apache CouchDB from this release folder (the one holding bin/couchdb) instead"
                        + " of pouchdb-server. Setting: [couch] release; env: DIRT_COUCHDB_HOME.")
        Path release;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var cli = CliContext.of(spec);
            var settings = cli.settingsOrDefaults(cli.projectDir(), "dirt");
            if (release != null) {
                settings = settings.withCouch(settings.couch().withRelease(cli.workingDir().resolve(release)));
            }
            new LocalServer(cli).ensureRunning(settings);
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the server 'dirt couch start' started.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var cli = CliContext.of(spec);
            boolean stopped = new LocalServer(cli).local().stop();
            cli.out().println(stopped ? "Stopped the local server." : "No local server was running.");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Say whether the local server runs and whether a CouchDB answers at the configured URL.",
            footer = "Exit code 0 when a CouchDB answers at the configured URL, 3 when none does.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var cli = CliContext.of(spec);
            var server = new LocalServer(cli);
            var settings = cli.settingsOrDefaults(cli.projectDir(), "dirt");
            var local = server.local().status();
            cli.out().println("local server: " + local.describe());
            local.url().flatMap(server.local()::adminFor).ifPresent(admin -> cli.out()
                    .println("admin credentials: " + admin.file() + " (used when the URL carries none)"));
            var answering = server.answering(settings);
            try (var database = cli.database(settings)) {
                cli.out().printf("%s: %s%n", database.displayUrl(), answering.orElse("nothing answers"));
            }
            return answering.isPresent() ? ExitCodes.OK : ExitCodes.STORE;
        }
    }
}
