package dirt.serve;

import static java.util.Objects.requireNonNull;

import dirt.api.TaskNames;
import dirt.balance.Balancers;
import dirt.config.CommandSettings;
import dirt.config.Settings;
import dirt.farm.NodeProber;
import dirt.farm.NodeRegistry;
import dirt.json.JsonObject;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.project.TaskJar;
import dirt.serve.backlog.AfterCheck;
import dirt.serve.backlog.Documents;
import dirt.serve.backlog.RecordCheck;
import dirt.serve.claim.Leases;
import dirt.serve.claim.Slots;
import dirt.serve.feed.Changes;
import dirt.serve.run.Execution;
import dirt.serve.run.NodeHealth;
import dirt.serve.run.NodeMarks;
import dirt.serve.run.NodeSessions;
import dirt.serve.run.RunSettings;
import dirt.serve.writeback.TaskWriter;
import dirt.store.ChangeToken;
import dirt.store.Feed;
import dirt.store.Store;
import dirt.task.Task;
import dirt.transport.AgentJar;
import dirt.transport.NodeTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dirt serve}: follows the database's changes, runs every new task on a node that meets its requirements, and
 * writes the results back. At start, the tasks still waiting come from a view's index as it stands, and the changes
 * since that index was last brought up to date bring the rest; nothing waits for a large index to be rebuilt. It wires
 * the steps a task takes, one package each: {@link Changes feed} → backlog → claim → run → writeback, placed by the
 * {@link Dispatcher}.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** Waiting tasks read per request at start. */
    static final int PAGE = 1000;

    private final Store store;
    private final TaskJar taskJar;
    private final NodeSessions sessions;
    private final Execution execution;
    private final Dispatcher dispatcher;
    private final Thread dispatcherThread;
    private final Slots slots;
    private final Leases leases;
    private final RecordCheck records;
    private final CommandSettings commands;
    private final TaskWriter writer;
    private final NodeHealth health;
    private final Changes changes;

    /**
     * @param serverName this server's name, which tells its slots and claims apart from other servers' (the host name
     *     by default)
     * @param host this machine's name, as other servers on the database see it
     */
    public Server(Settings settings, Store store, TaskJar taskJar, AgentJar agent,
            Function<NodeName, NodeTransport> transports, String serverName, String host, Clock clock) {
        this(settings, store, taskJar, agent, transports, serverName, host, ServeEvents.NONE, clock);
    }

    /**
     * A server that tells {@code events} of its claims, completions, lost runs and conflicts (for metrics).
     *
     * @param serverName this server's name, which tells its slots and claims apart from other servers' (the host name
     *     by default)
     * @param host this machine's name, as other servers on the database see it
     */
    public Server(Settings settings, Store store, TaskJar taskJar, AgentJar agent,
            Function<NodeName, NodeTransport> transports, String serverName, String host, ServeEvents events,
            Clock clock) {
        requireNonNull(events, "events is null");
        this.store = requireNonNull(store, "store is null");
        this.taskJar = requireNonNull(taskJar, "taskJar is null");
        this.commands = settings.commands();
        requireNonNull(clock, "clock is null");
        ServerId me = ServerId.current(serverName, host);
        Duration agentTimeout = settings.ssh().connectTimeout().plusSeconds(30);
        this.sessions = new NodeSessions(transports, agent, taskJar, agentTimeout);
        this.writer = new TaskWriter(store, events);
        this.slots = new Slots(store, me, events, clock);
        this.records = new RecordCheck(store, settings.serve().recordWait(), clock);
        this.execution = new Execution(sessions, writer, slots, new RunSettings(settings.serve(), settings.commands(),
                settings.nodes().taskEnvironment()), me, events, clock);
        this.leases = new Leases(store, slots, writer, execution, me, settings.serve().maxLost(), events, clock);
        NodeMarks marks = new NodeMarks(store, clock);
        this.dispatcher = new Dispatcher(writer, new Documents(store), Balancers.of(settings.serve().balancer()), new Dispatcher.Admission() {
            @Override
            public Optional<String> refusal(Task task) {
                return Server.this.refusal(task);
            }

            @Override
            public Optional<RecordCheck.Missing> missingRecord(String recordId) {
                return records.check(recordId);
            }
        }, new AfterCheck(store, settings.serve().recordWait(), clock), execution, slots, me, marks, clock);
        this.health = new NodeHealth(marks, settings.serve().health(), sessions, new NodeProber(new NodeRegistry(store,
                clock), transports, agent, agentTimeout, clock, settings.nodes().environValues()), clock);
        this.dispatcherThread = new Thread(dispatcher::run, "dirt-dispatch");
        this.dispatcherThread.setDaemon(true);
        this.changes = new Changes(store, new Routes());
    }

    /**
     * Installs or updates the views serve needs ({@code _design/dirt-serve}, {@code _design/dirt-records}); returns
     * whether it wrote. Writing a
     * design document takes a database admin, so {@code dirt push} installs them for servers that are not.
     */
    public static boolean installViews(Store store) {
        return !store.ensureDocuments(designDocuments()).isEmpty();
    }

    /** The design documents serve reads: {@code _design/dirt-serve} and {@code _design/dirt-records}. */
    public static List<JsonObject> designDocuments() {
        return List.of(ServeViews.designDocument(), ServeViews.recordsDesignDocument());
    }

    /**
     * Installs the views serve needs, reads the nodes and slots, starts dispatching, reads the waiting tasks from the
     * {@code pending} view as its index stands (a page at a time, each page placed while the next is read), and
     * follows the changes from where that index stood, which brings every task it missed.
     */
    public void start() {
        installViews(store);
        changes.readNodes();
        store.withIdPrefix(Slots.PREFIX).forEach(slots::seen);
        leases.start();
        health.start();
        dispatcherThread.start();
        ChangeToken since = store.viewAsIndexed(ServeViews.DESIGN, ServeViews.PENDING, PAGE, this::pendingSeen);
        changes.follow(since);
        log.info("serving {} task(s) ({})", taskJar.taskNames().size(), sessions.taskJarName());
    }

    /** What it holds now: the tasks it may start, by why they wait, and the nodes' slots (at most a second old). */
    public ServeState state() {
        return dispatcher.state();
    }

    /** The changes feed it follows, once {@link #start} has read the waiting tasks; empty before and after. */
    public Optional<Feed> feed() {
        return changes.feed();
    }

    /** Whether there is nothing to do for now (nothing running, every pending task waits for a node). */
    public boolean idle() {
        return dispatcher.settled();
    }

    /**
     * Stops taking tasks, waits up to {@code grace} for running ones, then hands the rest back (their documents are
     * reset to waiting, so another server or the next start runs them again) and disconnects from the nodes.
     */
    public void stop(Duration grace) throws InterruptedException {
        dispatcher.stopAccepting();
        boolean finished = execution.awaitIdle(grace);
        dispatcherThread.interrupt();
        changes.close();
        leases.close();
        health.close();
        if (!finished) {
            log.warn("{} task(s) still running after {} s: handing them back", execution.active(),
                    grace.toSeconds());
            execution.handBack();
        }
        sessions.close();
        execution.shutdownNow();
        dispatcherThread.join(Dispatcher.TICK.toMillis() * 2);
        slots.releaseEveryParked();
        writer.stopBatching();
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ZERO);
    }

    /** A task of the index at start; one that cannot be taken in is skipped as the changes feed skips it. */
    private void pendingSeen(JsonObject document) {
        try {
            dispatcher.taskSeen(document);
        } catch (RuntimeException e) {
            log.warn("skipping waiting task {}: {}", document.id().orElse(""), e.getMessage());
        }
    }

    private Optional<String> refusal(Task task) {
        JsonObject kwargs = task.kwargs().orElse(JsonObject.EMPTY);
        Optional<String> refused = task.command().flatMap(command -> commands.refusal(command, kwargs))
                .or(() -> task.check().flatMap(check -> commands.refusal(check, kwargs))
                        .map(reason -> "check: " + reason));
        if (refused.isPresent()) {
            return refused;
        }
        String name = task.name().value();
        if (task.command().isPresent() || taskJar.taskNames().contains(name)) {
            return Optional.empty();
        }
        String known = "known tasks: " + String.join(", ", taskJar.taskNames());
        try {
            return Optional.of(String.format("unknown task \"%s\": no class %s in the project's tasks (expected tasks/%s;"
                    + " serve compiles them when it starts: restart it after adding one) — %s", name,
                    TaskNames.className(name), TaskNames.sourceFile(name), known));
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage() + " — " + known);
        }
    }

    /** Where each change of the feed goes: to the dispatcher, and to the node health, the slots and the records. */
    private final class Routes implements Changes.Listener {
        @Override
        public void taskSeen(JsonObject document) {
            health.taskSeen(document);
            dispatcher.taskSeen(document);
        }

        @Override
        public void taskDeleted(String id) {
            dispatcher.taskDeleted(id);
        }

        @Override
        public void nodeSeen(Node node) {
            health.nodeSeen(node);
            dispatcher.nodeSeen(node);
        }

        @Override
        public void nodeDeleted(NodeName name) {
            dispatcher.nodeDeleted(name);
            health.nodeDeleted(name);
        }

        @Override
        public void slotSeen(JsonObject document) {
            slots.seen(document);
        }

        @Override
        public void slotFreed() {
            dispatcher.slotFreed();
        }

        @Override
        public void slotDeleted(String id) {
            slots.deleted(id);
        }

        @Override
        public void recordSeen(String id) {
            records.seen(id);
        }
    }
}
