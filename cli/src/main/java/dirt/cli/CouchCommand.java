package dirt.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "couch",
        mixinStandardHelpOptions = true,
        description = {
            "Run dirt's local CouchDB-compatible server (pouchdb-server, installed with npm on first use).",
            "It listens on the configured URL's port on 127.0.0.1 and keeps its data under ~/.dirt"
                    + " (or $DIRT_HOME_DIR). Use a real CouchDB 3 for production farms."
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
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var cli = CliContext.of(spec);
            new LocalServer(cli).ensureRunning(cli.settingsOrDefaults(cli.projectDir(), "dirt"));
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
            cli.out().println("local server: " + server.local().status().describe());
            var answering = server.answering(settings);
            try (var couch = cli.couch(settings)) {
                cli.out().printf("%s: %s%n", couch.displayUrl(), answering.orElse("nothing answers"));
            }
            return answering.isPresent() ? ExitCodes.OK : ExitCodes.STORE;
        }
    }
}
