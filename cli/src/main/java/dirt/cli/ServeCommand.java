package dirt.cli;

import dirt.metrics.ServeMetrics;
import dirt.serve.ServeHealth;
import dirt.store.Feed;
import dirt.store.RequestObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the tasks posted to the database: follow its changes feed, match each new task's requires against"
                    + " the nodes, run it on a free node and write its results and attachments back.",
            "Compiles the project's tasks/ first. Stops cleanly on Ctrl-C or SIGTERM: running tasks get --grace to"
                    + " finish, the rest are handed back and run again later.",
            "With [serve] metrics = \"HOST:PORT\" in settings.toml it answers /metrics (Prometheus) and /healthz"
                    + " there."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  stopped cleanly; --check: healthy",
            "  1  failed; --check: unhealthy (the reason is printed)",
            "  3  CouchDB problem at start",
            "  4  invalid settings.toml, or the [serve] metrics address cannot be used"
        })
final class ServeCommand implements Callable<Integer> {
    /** How long {@code --check} waits for the changes feed's answer; pouchdb-server answers with its first heartbeat. */
    static final Duration CHECK_FEED_WAIT = Feed.HEARTBEAT.multipliedBy(2);

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

    @Option(names = "--check",
            description = "Check once, as /healthz does, that serve could write to the database and follow its changes"
                    + " feed; print the verdict and exit 0 (healthy) or 1. Serves nothing.")
    boolean check;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default): lines for people; json: one JSON object per line on stdout, for log"
                    + " shippers.")
    LogFormat logFormat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (graceSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--grace must be 0 or more seconds, got " + graceSeconds);
        }
        if (check && untilDone) {
            throw new ParameterException(spec.commandLine(), "--check checks once and exits: it serves nothing, so"
                    + " --until-done does not go with it");
        }
        logFormat.apply();
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        String serverName = name != null ? name : ServeRun.hostName();
        if (check) {
            return check(cli, settings, serverName);
        }
        Optional<ServeMetrics> metrics = settings.serve().metrics().map(address -> new ServeMetrics());
        try (var database = cli.database(settings,
                metrics.<RequestObserver>map(m -> m).orElse(RequestObserver.NONE))) {
            new ServeRun(cli, cli.projectDir(), settings, Duration.ofSeconds(graceSeconds), serverName,
                    logFormat == LogFormat.JSON).run(database, untilDone, metrics);
        } finally {
            metrics.ifPresent(ServeMetrics::close);
        }
        return ExitCodes.OK;
    }

    private int check(CliContext cli, dirt.config.Settings settings, String serverName) throws InterruptedException {
        try (var database = cli.database(settings)) {
            Duration wait = settings.couch().connectTimeout().plus(CHECK_FEED_WAIT);
            ServeHealth.Verdict verdict = ServeHealth.once(database.store(), serverName, wait, Clock.systemUTC());
            if (verdict.healthy()) {
                cli.out().println(verdict.reason());
                return ExitCodes.OK;
            }
            cli.err().println("dirt: unhealthy: " + verdict.reason());
            return ExitCodes.FAILED;
        }
    }
}
