package dirt.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the tasks posted to the database: follow its changes feed, match each new task's requires against"
                    + " the nodes, run it on a free node and write its results and attachments back.",
            "Compiles the project's tasks/ first. Stops cleanly on Ctrl-C or SIGTERM: running tasks get --grace to"
                    + " finish, the rest are handed back and run again later."
        })
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "On stop, how long running tasks may finish before they are handed back (default: 30).")
    long graceSeconds;

    @Option(names = "--until-done",
            description = "Exit once nothing runs and every task left waits for a node (for scripts).")
    boolean untilDone;

    @Option(names = "--name", paramLabel = "NAME",
            description = "This server's name, which tells its slots and claims apart from other servers' (default: the"
                    + " host name).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        try (var couch = cli.couch(settings)) {
            new ServeRun(cli, cli.projectDir(), settings, Duration.ofSeconds(graceSeconds), name).run(couch, untilDone);
        }
        return ExitCodes.OK;
    }
}
