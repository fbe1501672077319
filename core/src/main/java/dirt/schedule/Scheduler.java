package dirt.schedule;

import static java.util.Objects.requireNonNull;

import dirt.document.Problem;
import dirt.json.JsonObject;
import dirt.store.Store;
import dirt.task.Task;
import dirt.task.TaskTally;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires schedules while {@code dirt serve} runs. Every {@link #TICK} it reads the schedule documents, works out the
 * status of each one's last run from its tasks, lets the {@link Planner} decide, and writes the decision onto the
 * schedule document guarded by its {@code _rev}. Only the server whose write wins a firing creates the run, so several
 * servers on one database fire each schedule once. The clock is passed in, so tests drive {@link #tick()} in
 * controlled time.
 */
public final class Scheduler implements AutoCloseable {
    /** How often the running scheduler looks at the schedules. */
    public static final Duration TICK = Duration.ofSeconds(1);
    /** A run whose record is missing this soon after it fired is written again (its server died in between). */
    static final Duration REPAIR_WINDOW = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final Store store;
    private final Clock clock;
    private final Planner planner;
    private final Firing firing;
    private final Set<String> reported = new HashSet<>();
    private volatile boolean running;
    private volatile Thread thread;

    /** {@code serverZone}: where crontime schedules without a {@code timezone} are evaluated. */
    public Scheduler(Store store, Clock clock, ZoneId serverZone) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.planner = new Planner(serverZone);
        this.firing = new Firing(store);
    }

    /** Writes the schedules of settings.toml into the database (see the README, "Schedules"). */
    public void install(List<Schedule> fromSettings) {
        new ScheduleInstaller(store).install(fromSettings);
    }

    /** Looks at every schedule once and fires those that are due. One bad schedule does not stop the others. */
    public synchronized void tick() {
        for (JsonObject doc : store.withIdPrefix(Schedule.ID_PREFIX)) {
            try {
                tick(doc);
            } catch (RuntimeException e) {
                log.warn("schedule {}: {}; trying again at the next tick", doc.id().orElse(""), e.getMessage());
            }
        }
    }

    private void tick(JsonObject doc) {
        if (doc.string("type").filter(Schedule.TYPE::equals).isEmpty()) {
            return;
        }
        List<Problem> problems = Schedule.validate(doc);
        if (!problems.isEmpty()) {
            if (reported.add(doc.id().orElse("") + "@" + doc.rev().orElse(""))) {
                log.warn("schedule {} is invalid and does not fire: {} — fix the document", doc.id().orElse(""),
                        problems.stream().map(Problem::describe).collect(Collectors.joining("; ")));
            }
            return;
        }
        Schedule schedule = Schedule.fromJson(doc);
        Instant now = clock.instant();
        LastRun last = lastRun(schedule, now);
        ScheduleState observed = last.recordIn(schedule.state());
        Decision decision = planner.decide(schedule.withState(observed), last, now);
        ScheduleState next = decision.applyTo(observed, now, run -> RunDocuments.recordId(schedule.name(), run));
        if (next.equals(schedule.state()) || !firing.claim(schedule, next)) {
            return;
        }
        if (decision instanceof Decision.Fire fire) {
            firing.createRun(schedule, fire.run(), now);
        } else if (decision instanceof Decision.Skip skip) {
            log.info("schedule {} skipped the run due {}: {}", schedule.name(), skip.run(), skip.reason());
        } else if (decision instanceof Decision.Queue queue) {
            log.info("schedule {} queued the run due {} behind {}", schedule.name(), queue.run(),
                    last.recordId().orElse("?"));
        }
    }

    /** The last run, from the schedule document when it ended, else from its tasks (writing it again if lost). */
    private LastRun lastRun(Schedule schedule, Instant now) {
        ScheduleState state = schedule.state();
        Optional<String> record = state.lastRecord();
        if (record.isEmpty()) {
            return LastRun.NONE;
        }
        Optional<LastRun> ended = LastRun.ended(state);
        if (ended.isPresent()) {
            return ended.get();
        }
        List<JsonObject> tasks = tasksOf(record.get());
        boolean recent = state.lastFired().filter(fired -> fired.plus(REPAIR_WINDOW).isAfter(now)).isPresent();
        if (tasks.isEmpty() && recent && state.lastRun().isPresent()) {
            log.warn("schedule {}: the run {} has no tasks yet; writing it (again)", schedule.name(), record.get());
            firing.createRun(schedule, state.lastRun().get(), state.lastFired().get());
            tasks = tasksOf(record.get());
        }
        return LastRun.of(record.get(), TaskTally.ofDocuments(tasks));
    }

    private List<JsonObject> tasksOf(String recordId) {
        return store.withIdPrefix(recordId + "-").stream()
                .filter(doc -> doc.string("type").filter(Task.TYPE::equals).isPresent()
                        && doc.string("record_id").filter(recordId::equals).isPresent())
                .toList();
    }

    /** Ticks every {@link #TICK} on a daemon thread until {@link #close()}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the scheduler is already started");
        }
        running = true;
        thread = new Thread(this::loop, "dirt-schedule");
        thread.setDaemon(true);
        thread.start();
    }

    /** Failures are said once until a tick works again (the database may be down for minutes). */
    private void loop() {
        boolean failing = false;
        while (running) {
            try {
                tick();
                if (failing) {
                    log.info("reading the schedules works again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.warn("reading the schedules failed: {}; trying again every {} s", e.getMessage(),
                            TICK.toSeconds());
                } else {
                    log.debug("reading the schedules failed again: {}", e.getMessage());
                }
                failing = true;
            }
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops ticking; a tick under way finishes first (bounded). */
    @Override
    public void close() {
        running = false;
        Thread ticking = thread;
        if (ticking != null) {
            ticking.interrupt();
            try {
                ticking.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
