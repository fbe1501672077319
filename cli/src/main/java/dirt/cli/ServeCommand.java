package dirt.cli;

import dirt.project.Project;
import dirt.project.TaskCompiler;
import dirt.serve.Server;
import dirt.store.couch.CouchStore;
import dirt.transport.AgentJars;
import dirt.transport.ssh.HostKeyPolicy;
import dirt.transport.ssh.SshTransport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
            description = "Exit once nothing runs and every task left waits for a node (for scripts and the quickstart).")
    boolean untilDone;

    @Option(names = "--name", paramLabel = "NAME",
            description = "This server's name, which keeps its checkpoint apart from other servers' (default: the host name).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        var project = Project.open(cli.projectDir());
        var taskJar = new TaskCompiler().compile(project);
        var agent = AgentJars.locate(Probes.cache(cli).resolve("agent"));
        try (var couch = cli.couch(settings)) {
            couch.database(settings.couch().database()).createIfMissing();
            var store = new CouchStore(couch.database(settings.couch().database()));
            var server = new Server(settings, store, taskJar, agent,
                    node -> Probes.LOCAL.equals(node.value()) ? Probes.local(cli)
                            : new SshTransport(node.value(), settings.ssh(), HostKeyPolicy.VERIFY),
                    name != null ? name : hostName(), Clock.systemUTC());
            cli.out().printf("dirt serve: project \"%s\", database \"%s\" at %s, %d task(s): %s%n",
                    settings.project().name(), settings.couch().database(), couch.displayUrl(),
                    taskJar.taskNames().size(), String.join(", ", taskJar.taskNames()));
            cli.out().flush();
            var stopped = new CountDownLatch(1);
            var hook = new Thread(() -> stop(server, stopped), "dirt-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            server.start();
            if (untilDone) {
                awaitIdle(server);
                Runtime.getRuntime().removeShutdownHook(hook);
                stop(server, stopped);
            }
            stopped.await();
        }
        return ExitCodes.OK;
    }

    private void stop(Server server, CountDownLatch stopped) {
        try {
            server.stop(Duration.ofSeconds(graceSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** Idle must hold for a moment: a change may be on its way from the feed. */
    private static void awaitIdle(Server server) throws InterruptedException {
        int quietChecks = 0;
        while (quietChecks < 6) {
            TimeUnit.MILLISECONDS.sleep(250);
            quietChecks = server.idle() ? quietChecks + 1 : 0;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
