package dirt.cli;

import dirt.config.RetentionSettings;
import dirt.config.Settings;
import dirt.notify.Notifier;
import dirt.project.Project;
import dirt.project.TaskCompiler;
import dirt.retention.DailyPrune;
import dirt.retention.Pruner;
import dirt.schedule.Scheduler;
import dirt.serve.Server;
import dirt.store.UnauthorizedException;
import dirt.store.couch.CouchClient;
import dirt.store.couch.CouchStore;
import dirt.transport.AgentJars;
import dirt.transport.ssh.HostKeyPolicy;
import dirt.transport.ssh.SshTransport;
import dirt.web.Site;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a {@link Server} for the project: until stopped by a signal, or until there is nothing left to do. */
final class ServeRun {
    private final CliContext cli;
    private final Path project;
    private final Settings settings;
    private final Duration grace;
    private final String name;
    private volatile Optional<Notifier> notifier = Optional.empty();
    private volatile Optional<DailyPrune> pruning = Optional.empty();

    ServeRun(CliContext cli, Path project, Settings settings, Duration grace, String name) {
        this.cli = cli;
        this.project = project;
        this.settings = settings;
        this.grace = grace;
        this.name = name != null ? name : hostName();
    }

    /** Anyone who may write tasks may run commands on the nodes: say so loudly when that is everyone. */
    private void warnIfAnyoneMayWrite(CouchClient couch) {
        if (couch.database(settings.couch().database()).writableByAnyone()) {
            cli.err().printf("dirt serve: WARNING: anyone who reaches %s may write to database \"%s\" without"
                    + " credentials, and so post tasks that run on your nodes%s — give it members (README, Security),"
                    + " or keep the server on loopback%n", couch.displayUrl(), settings.couch().database(),
                    settings.commands().freeForm() ? ", with any shell command ([commands] free_form = true)" : "");
        }
    }

    /** The design documents serve reads; a server that is not a database admin needs them installed by 'dirt push'. */
    private void installViews(CouchStore store) {
        try {
            Site.install(store, settings.project().name());
            Server.installViews(store);
            Notifier.installViews(store);
            Pruner.installViews(store);
        } catch (UnauthorizedException e) {
            throw new UnauthorizedException("dirt serve cannot install or update the views of database \""
                    + settings.couch().database() + "\" (design documents), which takes a database admin: run 'dirt"
                    + " push' once as one, then serve again; or give this user the role dirt_admin — " + e.getMessage());
        }
    }

    /** Serves until SIGINT/SIGTERM, or with {@code untilDone} until nothing runs and every task left waits. */
    void run(CouchClient couch, boolean untilDone) throws InterruptedException {
        var taskJar = new TaskCompiler().compile(Project.open(project));
        var agent = AgentJars.locate(Probes.cache(cli).resolve("agent"));
        couch.database(settings.couch().database()).createIfMissing();
        var store = new CouchStore(couch.database(settings.couch().database()));
        var server = new Server(settings, store, taskJar, agent,
                node -> Probes.LOCAL.equals(node.value()) ? Probes.local(cli, settings)
                        : new SshTransport(node.value(), settings.ssh(), HostKeyPolicy.VERIFY),
                name, hostName(), Clock.systemUTC());
        cli.out().printf("dirt serve: project \"%s\", database \"%s\" at %s, %d task(s): %s%n",
                settings.project().name(), settings.couch().database(), couch.displayUrl(),
                taskJar.taskNames().size(), String.join(", ", taskJar.taskNames()));
        cli.out().flush();
        warnIfAnyoneMayWrite(couch);
        installViews(store);
        cli.out().println("web site: run 'dirt web' and open " + WebCommand.siteUrl(settings.web()));
        var stopped = new CountDownLatch(1);
        // ---- schedules (dirt.schedule): fire the [[schedule]] sections and schedule documents while serving
        var scheduler = new Scheduler(store, Clock.systemUTC(), ZoneId.systemDefault());
        scheduler.install(settings.schedules());
        settings.schedules().forEach(s -> cli.out().printf("schedule %s: %s%s%n", s.name(), s.trigger().describe(),
                s.enabled() ? "" : " (disabled)"));
        // ----
        var hook = new Thread(() -> stop(server, scheduler, stopped), "dirt-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // notifications ([notify] in settings.toml): started before the server, stopped after it (dirt.notify)
        notifier = Notifier.fromSettings(settings, store, URI.create(WebCommand.siteUrl(settings.web())), name,
                Clock.systemUTC());
        notifier.ifPresent(Notifier::start);
        server.start();
        scheduler.start();
        // retention ([retention] in settings.toml): one server of those on the database prunes once a day
        pruning = settings.retention().filter(RetentionSettings::daily).map(retention -> new DailyPrune(store,
                new Pruner(store, retention, Clock.systemUTC()), Clock.systemUTC(), name));
        pruning.ifPresent(daily -> {
            daily.start();
            cli.out().println("retention: pruning once a day by [retention] (dirt prune --dry-run shows what would go)");
        });
        if (untilDone) {
            awaitIdle(server);
            Runtime.getRuntime().removeShutdownHook(hook);
            stop(server, scheduler, stopped);
        }
        stopped.await();
    }

    private void stop(Server server, Scheduler scheduler, CountDownLatch stopped) {
        try {
            scheduler.close();
            pruning.ifPresent(DailyPrune::close);
            server.stop(grace);
            if (notifier.isPresent()) {
                notifier.get().stop(Notifier.STOP_GRACE);
            }
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
