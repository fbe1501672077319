package dirt.cli;

import dirt.config.ListenAddress;
import dirt.config.RetentionSettings;
import dirt.config.Settings;
import dirt.metrics.MetricsServer;
import dirt.metrics.ServeMetrics;
import dirt.notify.DeliveryEvents;
import dirt.notify.Notifier;
import dirt.project.Project;
import dirt.project.TaskCompiler;
import dirt.retention.DailyPrune;
import dirt.retention.Pruner;
import dirt.schedule.Scheduler;
import dirt.serve.ServeEvents;
import dirt.serve.ServeHealth;
import dirt.serve.Server;
import dirt.store.Database;
import dirt.store.DocumentRefusedException;
import dirt.store.Store;
import dirt.store.UnauthorizedException;
import dirt.transport.AgentJars;
import dirt.transport.ssh.HostKeyPolicy;
import dirt.transport.ssh.SshTransport;
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
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a {@link Server} for the project: until stopped by a signal, or until there is nothing left to do. */
final class ServeRun {
    private static final Logger log = LoggerFactory.getLogger(ServeRun.class);

    private final CliContext cli;
    private final Path project;
    private final Settings settings;
    private final Duration grace;
    private final String name;
    /** Whether the log is JSON ({@code --log-format json}): then what serve says goes to the log, not to stdout. */
    private final boolean json;
    private volatile Optional<Notifier> notifier = Optional.empty();
    private volatile Optional<DailyPrune> pruning = Optional.empty();
    /** Whether serve got as far as running: only then does its stop count as a good end (ClassDataSharing). */
    private volatile boolean running;

    ServeRun(CliContext cli, Path project, Settings settings, Duration grace, String name, boolean json) {
        this.cli = cli;
        this.project = project;
        this.settings = settings;
        this.grace = grace;
        this.name = name;
        this.json = json;
    }

    /** A line for the operator: on stdout, or a log line when the log is JSON (stdout then holds only JSON). */
    private void say(String line) {
        if (json) {
            log.info("{}", line);
        } else {
            cli.out().println(line);
            cli.out().flush();
        }
    }

    /** Anyone who may write tasks may run commands on the nodes: say so loudly when that is everyone. */
    private void warnIfAnyoneMayWrite(Database database) {
        if (database.writableByAnyone()) {
            String warning = String.format("dirt serve: WARNING: anyone who reaches %s may write to database \"%s\""
                    + " without credentials, and so post tasks that run on your nodes%s — give it members (README,"
                    + " Security), or keep the server on loopback", database.displayUrl(), settings.couch().database(),
                    settings.commands().freeForm() ? ", with any shell command ([commands] free_form = true)" : "");
            if (json) {
                log.warn("{}", warning);
            } else {
                cli.err().println(warning);
            }
        }
    }

    /** The design documents serve reads; a server that is not a database admin needs them installed by 'dirt push'. */
    private void installViews(Store store) {
        try {
            DesignDocuments.install(store, settings.project().name());
        } catch (UnauthorizedException | DocumentRefusedException e) {
            throw new UnauthorizedException("dirt serve cannot install or update the views of database \""
                    + settings.couch().database() + "\" (design documents), which takes a database admin: run 'dirt"
                    + " push' once as one, then serve again; or give this user the role dirt_admin — " + e.getMessage());
        }
    }

    /**
     * Serves until SIGINT/SIGTERM, or with {@code untilDone} until nothing runs and every task left waits. With
     * {@code metrics}, answers {@code /metrics} and {@code /healthz} at {@code [serve] metrics} from the start (the
     * address is taken first, so that a taken port stops serve before anything else happens) until it stopped.
     */
    void run(Database database, boolean untilDone, Optional<ServeMetrics> metrics) throws InterruptedException {
        var store = database.store();
        var serving = new AtomicReference<Server>();
        var health = new ServeHealth(store, name, () -> Optional.ofNullable(serving.get()).flatMap(Server::feed),
                Clock.systemUTC());
        Optional<MetricsServer> endpoint = metrics.map(meters -> startMetrics(meters, health));
        try {
            serve(database, untilDone, metrics, serving);
        } finally {
            endpoint.ifPresent(MetricsServer::close);
        }
    }

    private MetricsServer startMetrics(ServeMetrics meters, ServeHealth health) {
        ListenAddress address = settings.serve().metrics().orElseThrow();
        MetricsServer endpoint = MetricsServer.start(address, meters::scrape, health::check);
        String at = new ListenAddress(address.host(), endpoint.address().getPort()).toString();
        say("metrics: http://" + at + "/metrics, health: http://" + at + "/healthz");
        return endpoint;
    }

    private void serve(Database database, boolean untilDone, Optional<ServeMetrics> metrics,
            AtomicReference<Server> serving) throws InterruptedException {
        var store = database.store();
        var taskJar = new TaskCompiler().compile(Project.open(project));
        var agent = AgentJars.locate(Probes.cache(cli).resolve("agent"));
        database.createIfMissing();
        var server = new Server(settings, store, taskJar, agent,
                node -> Probes.LOCAL.equals(node.value()) ? Probes.local(cli, settings)
                        : new SshTransport(node.value(), settings.ssh(), HostKeyPolicy.VERIFY),
                name, hostName(), metrics.<ServeEvents>map(m -> m).orElse(ServeEvents.NONE), Clock.systemUTC());
        metrics.ifPresent(meters -> meters.watch(server, name, settings.couch().database()));
        serving.set(server);
        say(String.format("dirt serve: project \"%s\", database \"%s\" at %s, %d task(s): %s",
                settings.project().name(), settings.couch().database(), database.displayUrl(),
                taskJar.taskNames().size(), String.join(", ", taskJar.taskNames())));
        installViews(store); // first: the site's validate_doc_update decides who may write
        warnIfAnyoneMayWrite(database);
        say("web site: run 'dirt web' and open " + WebCommand.siteUrl(settings.web()));
        var stopped = new CountDownLatch(1);
        // ---- schedules (dirt.schedule): fire the [[schedule]] sections and schedule documents while serving
        var scheduler = new Scheduler(store, Clock.systemUTC(), ZoneId.systemDefault());
        scheduler.install(settings.schedules());
        settings.schedules().forEach(s -> say(String.format("schedule %s: %s%s", s.name(), s.trigger().describe(),
                s.enabled() ? "" : " (disabled)")));
        // ----
        var hook = new Thread(() -> stop(server, scheduler, stopped), "dirt-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // notifications ([notify] in settings.toml): started before the server, stopped after it (dirt.notify)
        notifier = Notifier.fromSettings(settings, store, cli.webhookClient(),
                URI.create(WebCommand.siteUrl(settings.web())), name,
                metrics.<DeliveryEvents>map(m -> m).orElse(DeliveryEvents.NONE), Clock.systemUTC());
        notifier.ifPresent(Notifier::start);
        server.start();
        scheduler.start();
        // retention ([retention] in settings.toml): one server of those on the database prunes once a day
        pruning = settings.retention().filter(RetentionSettings::daily).map(retention -> new DailyPrune(store,
                new Pruner(store, retention, Clock.systemUTC()), Clock.systemUTC(), name));
        pruning.ifPresent(daily -> {
            daily.start();
            say("retention: pruning once a day by [retention] (dirt prune --dry-run shows what would go)");
        });
        running = true;
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
            if (running) {
                say("dirt serve: stopped");
                ClassDataSharing.markEndedWell(cli.env());
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

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
