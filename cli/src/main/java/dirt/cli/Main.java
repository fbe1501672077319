package dirt.cli;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dirt} command. Each subcommand is one {@code Callable<Integer>}; see {@link ExitCodes} for what it returns. */
@Command(
        name = "dirt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Record/task remote-execution tracker backed by CouchDB.",
        subcommands = {
            QuickstartCommand.class,
            CreateCommand.class,
            CouchCommand.class,
            PushCommand.class,
            PostCommand.class,
            ServeCommand.class,
            WebCommand.class,
            CancelCommand.class,
            UpdateNodesCommand.class,
            NodesCommand.class,
            StatusCommand.class,
            WatchCommand.class,
            WaitCommand.class,
            SchedulesCommand.class,
            PruneCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  the command failed (the message says why); wait: a task failed",
            "  2  bad usage",
            "  3  CouchDB problem: unreachable, credentials refused, database missing",
            "  4  invalid settings.toml; serve: the [serve] metrics address cannot be used",
            "  5  wait: not done within --timeout",
            "  6  status, wait: no record or task with that id"
        })
public final class Main implements Runnable {
    @CommandLine.Mixin
    GlobalOptions global = new GlobalOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final Path workingDir;
    final Map<String, String> env;

    Main(Path workingDir, Map<String, String> env) {
        this.workingDir = workingDir.toAbsolutePath();
        this.env = Map.copyOf(env);
    }

    /**
     * The JDK's HttpClient hands every answer to CompletableFuture's default executor, which on a machine of one or two
     * cores is a new thread per call (the common pool's parallelism is then 1): two pooled threads do it instead.
     */
    private static final String COMMON_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        if (System.getProperty(COMMON_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_PARALLELISM, "2");
        }
        System.exit(commandLine(new Main(Path.of(""), System.getenv())).execute(args));
    }

    static CommandLine commandLine(Main main) {
        var cli = new CommandLine(main);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setExecutionStrategy(parsed -> {
            if (ErrorHandler.isVerbose(parsed) && LoggerFactory.getILoggerFactory() instanceof LoggerContext logs) {
                Logging.verbose(logs);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
