package dirt.serve;

import dirt.json.JsonBoolean;
import dirt.json.JsonObject;
import dirt.DirtException;
import dirt.balance.Balancer;
import dirt.balance.NodeLoad;
import dirt.document.InvalidDocumentException;
import dirt.match.Matcher;
import dirt.match.Placement;
import dirt.match.Requirement;
import dirt.match.UnknownKey;
import dirt.match.WaitReason;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.serve.ServeState.NodeSlots;
import dirt.serve.ServeState.WaitCause;
import dirt.serve.backlog.After;
import dirt.serve.backlog.AfterCheck;
import dirt.serve.backlog.Backlog;
import dirt.serve.backlog.Broadcast;
import dirt.serve.backlog.Documents;
import dirt.serve.backlog.Pending;
import dirt.serve.backlog.RecordCheck;
import dirt.serve.backlog.TaskEnds;
import dirt.serve.backlog.WaitingLog;
import dirt.serve.claim.Claims;
import dirt.serve.claim.Slots;
import dirt.serve.run.Execution;
import dirt.serve.run.NodeMarks;
import dirt.serve.writeback.Attempts;
import dirt.serve.writeback.TaskWriter;
import dirt.store.StoreUnreachableException;
import dirt.store.Written;
import dirt.task.Results;
import dirt.task.ServeFields;
import dirt.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what runs where. Everything it knows (pending tasks, nodes) lives on its one thread and is changed only by
 * events, so no locks: a task or node document seen in the changes feed, a run that ended, a tick. After each event
 * it places every pending task it can, as one round: chooses a node for each, takes their free slots
 * ({@link Slots}) in one write, claims the tasks in one more ({@code _rev}-guarded; losing a task to another server
 * is fine), then hands each claimed task to {@link Execution}.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final Duration TICK = Duration.ofSeconds(1);
    static final int WAITING_BATCH = 500;
    static final int MAX_ARRIVING = 2_000;
    static final Duration JUDGE_AGAIN = Duration.ofSeconds(30);
    /**
     * Why a task that could start waits, written only over another reason its document gives (a dependency that has
     * since passed, a node that came back): a task that never had one keeps its document, however many wait.
     */
    static final String FOR_A_SLOT = "waits for a free slot on a matching node";

    private final TaskWriter writer;
    private final Claims claims;
    private final Balancer balancer;
    private final Admission admission;
    private final Execution execution;
    private final Slots slots;
    private final ServerId me;
    private final NodeMarks marks;
    private final Clock clock;
    private final AfterCheck afterCheck;
    private final TaskEnds ends;
    private final Documents documents;

    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    /**
     * How many arrived tasks may wait in {@link #events} for the dispatcher: the feed waits beyond that, so that a
     * feed faster than the dispatcher (100,000 tasks posted at once) does not hold them all twice over in memory.
     */
    private final Semaphore arriving = new Semaphore(MAX_ARRIVING);
    /** The tasks that arrived since the last pass. */
    private final Set<String> arrived = new HashSet<>();
    /** When each task that waits for others of its record was last judged ({@link #judgedLately}). */
    private final Map<String, Instant> judged = new HashMap<>();
    /** What the next pass looks at, by what changed since the last one. */
    private Pass pass = Pass.EVERY;
    private Instant lastFullPass = Instant.EPOCH;
    private final Backlog backlog = new Backlog();
    private final Map<NodeName, Node> nodes = new TreeMap<>(Comparator.comparing(NodeName::value));
    private final DownNodes down = new DownNodes();
    private volatile boolean accepting = true;
    /** The thread that runs the loop, once it runs. */
    private volatile Thread loop;
    private volatile boolean settled;
    private volatile ServeState state = ServeState.empty();
    /** The database did not answer the last try to take a slot: the round stops, and the outage is logged once. */
    private boolean storeDown;
    /** The last try to read waiting tasks again failed: said once per outage. */
    private boolean readFailing;

    /** Whether this server can run a task. */
    interface Admission {
        /**
         * Why the task can never run here (a command the policy refuses, a task the project does not have), asked
         * once as the task arrives. No I/O; called from any thread.
         */
        Optional<String> refusal(Task task);

        /** Whether the task's record is missing: the task waits for it, then fails ({@link RecordCheck}). */
        Optional<RecordCheck.Missing> missingRecord(String recordId);
    }

    Dispatcher(TaskWriter writer, Documents documents, Balancer balancer, Admission admission, AfterCheck afterCheck,
            Execution execution, Slots slots, ServerId me, NodeMarks marks, Clock clock) {
        this.documents = documents;
        this.afterCheck = afterCheck;
        this.ends = new TaskEnds(writer, clock);
        this.writer = writer;
        this.claims = new Claims(slots, writer, me, clock);
        this.balancer = balancer;
        this.admission = admission;
        this.execution = execution;
        this.slots = slots;
        this.me = me;
        this.marks = marks;
        this.clock = clock;
    }

    /**
     * How much of the backlog a pass looks at. A backlog may hold 100,000 tasks that no node can run; looking at all of
     * them after every event would make a stream of arrivals cost the square of their number.
     */
    private enum Pass {
        /** Only tasks arrived: nothing else changed, so only they can have news. */
        ARRIVED,
        /** A slot may be free: tasks in order until the free slots are taken, and the tasks arrived. */
        UNTIL_FULL,
        /** Nodes changed, or time passed (retry times, record waits, backoffs): every task, once per tick at least. */
        EVERY;

        Pass atLeast(Pass other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    // ---- events, from any thread

    /**
     * A task document was seen. It is read here, on the caller's thread, so that the events waiting for the dispatcher
     * hold what the backlog keeps ({@link Pending}), not parsed documents.
     */
    void taskSeen(JsonObject document) {
        String id = document.id().orElse("");
        String recordId = document.string("record_id").orElse("");
        if (document.has("completed")) {
            events.add(() -> {
                backlog.remove(id);
                arrived.addAll(backlog.dependentsIn(recordId));
            });
            return;
        }
        if (document.has("started")) {
            boolean cancelMine = document.get("cancel").filter(JsonBoolean.TRUE::equals).isPresent()
                    && document.string(Attempts.SERVER).filter(me.label()::equals).isPresent();
            events.add(() -> {
                backlog.remove(id);
                if (cancelMine && execution.cancel(id)) {
                    log.info("{} cancelled: stopping it on its node", id);
                }
            });
            return;
        }
        if (!accepting) {
            return; // a server that is stopping writes nothing onto tasks it did not start: the next one decides
        }
        Task task;
        try {
            task = Task.fromJson(document);
        } catch (InvalidDocumentException e) {
            events.add(() -> {
                backlog.remove(id);
                ends.invalid(id, e.problems());
            });
            return;
        }
        Optional<String> refusal = task.options().cancel() ? Optional.empty() : admission.refusal(task);
        if (task.options().cancel() || refusal.isPresent()) {
            events.add(() -> {
                backlog.remove(id);
                ends.notRun(task, refusal);
                if (task.options().cancel()) {
                    task.serve().children().forEach(ends::cancel);
                }
            });
            return;
        }
        Pending pending = Pending.of(task, document);
        boolean counted = Thread.currentThread() != loop;
        if (counted && (stopped() || !awaitRoomToArrive())) {
            return;
        }
        events.add(() -> {
            if (counted) {
                arriving.release();
            }
            backlog.add(pending);
            arrived.add(pending.id());
            arrived.addAll(backlog.dependentsIn(recordId));
        });
    }

    /**
     * Waits until fewer than {@link #MAX_ARRIVING} arrived tasks wait for the dispatcher (never on the dispatcher's
     * own thread, which empties the queue); false when interrupted or once the dispatcher has stopped.
     */
    private boolean awaitRoomToArrive() {
        try {
            while (!arriving.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (stopped()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the loop ran and has ended: nobody takes arrivals any more. */
    private boolean stopped() {
        Thread running = loop;
        return running != null && !running.isAlive();
    }

    void taskDeleted(String id) {
        events.add(() -> backlog.remove(id));
    }

    void nodeSeen(Node node) {
        events.add(() -> {
            Node before = nodes.put(node.name(), node);
            if (before == null || !before.placesAs(node)) {
                pass = Pass.EVERY;
            }
            node.unreachable().ifPresent(reason -> down.suspect(node.name(), reason));
        });
    }

    void nodeDeleted(NodeName name) {
        events.add(() -> {
            pass = Pass.EVERY;
            nodes.remove(name);
            down.reached(name);
        });
    }

    /** A run (or a check) on {@code node} ended; {@code reached} says whether the node answered at all. */
    void finished(NodeName node, boolean reached, String unreachableReason) {
        events.add(() -> {
            pass = pass.atLeast(Pass.UNTIL_FULL);
            if (reached) {
                if (down.reached(node)) {
                    log.info("node {} answers again", node);
                    marks.reachable(node);
                }
            } else {
                Instant now = clock.instant();
                boolean known = down.isDown(node, now) && !down.isChecking(node);
                Instant retry = down.failed(node, unreachableReason, now);
                if (!known) {
                    log.warn("node {} is unreachable, tried again at {}: {}", node, retry, unreachableReason);
                    marks.unreachable(node, unreachableReason, retry);
                }
            }
        });
    }

    /** A slot was freed (by any server): place what waits for one now, not at the next tick. */
    void slotFreed() {
        events.add(() -> pass = pass.atLeast(Pass.UNTIL_FULL));
    }

    /** Stops claiming new tasks; what runs goes on. */
    void stopAccepting() {
        accepting = false;
        events.add(() -> { });
    }

    /**
     * Whether nothing is left to do for now: no event waiting, nothing running, and every pending task waits for
     * something (a node that does not exist yet, a retry time). Read from any thread; for {@code --until-done}.
     */
    boolean settled() {
        return settled && events.isEmpty() && execution.active() == 0;
    }

    /** What it held after its last pass. Read from any thread. */
    ServeState state() {
        return state;
    }

    // ---- the loop

    /** Runs until interrupted: handles events, then places what it can. */
    void run() {
        loop = Thread.currentThread();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Runnable event = events.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null || clock.instant().isAfter(lastFullPass.plus(TICK))) {
                    pass = Pass.EVERY;
                }
                while (event != null) {
                    event.run();
                    event = events.poll();
                }
                checkDownNodes();
                placeAll();
                slots.releaseParked();
                state = snapshot();
                settled = events.isEmpty() && execution.active() == 0 && backlog.onlyWaitingForNodes();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("dispatching failed; going on with the next event", e);
            }
        }
    }

    private ServeState snapshot() {
        Instant now = clock.instant();
        List<NodeSlots> rows = nodes.values().stream().map(node -> {
            int busy = slots.busy(node.name(), node.slots());
            boolean open = node.takesWork() && !down.isDown(node.name(), now);
            return new NodeSlots(node.name().value(), busy, open ? Math.max(0, node.slots() - busy) : 0);
        }).toList();
        return new ServeState(backlog.causes(), rows);
    }

    private void checkDownNodes() {
        Instant now = clock.instant();
        for (NodeName node : down.dueForCheck(now)) {
            execution.check(node, this::finished);
        }
    }

    private void placeAll() {
        Pass thisPass = pass;
        pass = Pass.ARRIVED;
        Set<String> fresh = Set.copyOf(arrived);
        arrived.clear();
        if (!accepting || backlog.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        if (thisPass == Pass.EVERY) {
            lastFullPass = now;
            judged.keySet().removeIf(id -> !backlog.contains(id));
        }
        afterCheck.newPass();
        List<Node> known = nodes.values().stream().filter(node -> !down.isDown(node.name(), now)).toList();
        List<NodeName> unreachable = nodes.keySet().stream().filter(name -> down.isDown(name, now)).toList();
        // Which nodes match depends only on the requirements: place each distinct list once per pass.
        Map<List<Requirement>, Placement> placements = new HashMap<>();
        Round round = new Round();
        int free = known.stream().filter(Node::takesWork)
                .mapToInt(node -> Math.max(0, node.slots() - slots.busy(node.name(), node.slots())))
                .sum();
        for (Pending task : backlog.inOrder()) {
            boolean look = thisPass == Pass.EVERY || fresh.contains(task.id())
                    || thisPass == Pass.UNTIL_FULL && round.size() < free;
            if (!look) {
                continue;
            }
            Optional<RecordCheck.Missing> missing = admission.missingRecord(task.recordId());
            if (missing.isPresent() && missing.get().givenUp()) {
                Optional<Pending> read = readAgain(task);
                if (read.isPresent()) {
                    backlog.remove(task.id());
                    ends.notRun(read.get().task(), Optional.of(missing.get().reason()));
                }
                continue;
            }
            backlog.waitsForNode(task.id(), false);
            if (task.retryAt().isPresent() && now.isBefore(task.retryAt().get())) {
                backlog.cause(task.id(), WaitCause.RETRY_DELAY);
                noteWaiting(task, task.said() == null ? "waits to be tried again" : task.said(), round);
                continue;
            }
            if (missing.isPresent()) {
                backlog.cause(task.id(), WaitCause.RECORD);
                noteWaiting(task, missing.get().reason(), round);
                continue;
            }
            if (task.waitsOnOthers() && !fresh.contains(task.id()) && judgedLately(task.id(), now)) {
                backlog.waitsForNode(task.id(), true);
                continue;
            }
            if (!task.after().isEmpty()) {
                After.Verdict verdict = afterCheck.check(task);
                judged(task.id(), verdict instanceof After.Waits waits && waits.missing().isEmpty(), now);
                if (verdict instanceof After.Ends end) {
                    Optional<Pending> read = readAgain(task);
                    if (read.isPresent()) {
                        backlog.remove(task.id());
                        ends.after(read.get().task(), end);
                    }
                    continue;
                }
                if (verdict instanceof After.Waits waits) {
                    backlog.cause(task.id(), WaitCause.DEPENDENCY);
                    backlog.waitsForNode(task.id(), waits.missing().isEmpty());
                    noteWaiting(task, waits.reason(), round);
                    continue;
                }
            }
            if (task.broadcast()) {
                broadcast(task, known, unreachable, round, now);
            } else if (task.onNode().isPresent()) {
                placePinned(task, known, round);
            } else {
                place(task, placements.computeIfAbsent(task.requires(), requires -> Matcher.place(requires, known)),
                        unreachable, round);
            }
        }
        claimAll(round.chosenTasks());
        WaitingLog.lines(round.waiting.stream().map(note -> new WaitingLog.Waits(note.task().id(), note.task().name(),
                note.reason())).toList()).forEach(log::info);
        writeWaiting(round.waiting);
    }

    /**
     * What one pass chose: tasks and their nodes, claimed together, and the slots they take meanwhile; and the tasks
     * whose reason to wait changed, written together.
     */
    private final class Round {
        final List<Pending> tasks = new ArrayList<>();
        final Map<String, Node> nodeOf = new HashMap<>();
        final Map<NodeName, Integer> chosen = new HashMap<>();
        final List<Note> waiting = new ArrayList<>();

        void add(Pending task, Node node) {
            tasks.add(task);
            nodeOf.put(task.id(), node);
            chosen.merge(node.name(), 1, Integer::sum);
        }

        int size() {
            return tasks.size();
        }

        /** The chosen tasks and their nodes, with the documents of those kept without read in one request. */
        List<Claims.Choice> chosenTasks() {
            if (tasks.isEmpty()) {
                return List.of();
            }
            return readAgain(tasks).stream()
                    .map(task -> new Claims.Choice(task.task(), nodeOf.get(task.id()))).toList();
        }
    }

    /** A task's new reason to wait, to be written with the round's others. */
    private record Note(Pending task, String reason) {}

    private void place(Pending task, Placement placement, List<NodeName> unreachable, Round round) {
        if (placement instanceof UnknownKey unknown) {
            Optional<Pending> read = readAgain(task);
            if (read.isPresent()) {
                backlog.remove(task.id());
                ends.notRun(read.get().task(), Optional.of(unknown.message()));
            }
        } else if (placement instanceof WaitReason waiting) {
            backlog.cause(task.id(), WaitCause.NO_NODE);
            backlog.waitsForNode(task.id(), true);
            noteWaiting(task, unreachable.isEmpty() ? waiting.summary()
                    : waiting.summary() + " — unreachable, retried with backoff: " + down.describe(unreachable), round);
        } else if (placement instanceof Placement.Ready matching) {
            List<NodeLoad> loads = elsewhere(task, matching.nodes()).stream().map(node -> new NodeLoad(node,
                    slots.busy(node.name(), node.slots()) + round.chosen.getOrDefault(node.name(), 0))).toList();
            Optional<Node> chosen = balancer.choose(loads);
            chosen.ifPresentOrElse(node -> round.add(task, node), () -> waitsForSlot(task, round));
        }
    }

    /**
     * The nodes a task may try next: a failed try goes to another matching node (full or not: it then waits for one),
     * and back to a node where it failed only when no other matches.
     */
    private static List<Node> elsewhere(Pending task, List<Node> matching) {
        List<Node> others = matching.stream().filter(node -> !task.failedOn().contains(node.name().value())).toList();
        return others.isEmpty() ? matching : others;
    }

    /**
     * Whether a task that waits for others of its record was judged within {@link #JUDGE_AGAIN}: it then waits on
     * without reading its record again until one of them changes (which makes it news) or that time passes (a deleted
     * task, whose record the feed does not say, is noticed then).
     */
    private boolean judgedLately(String id, Instant now) {
        Instant at = judged.get(id);
        return at != null && now.isBefore(at.plus(JUDGE_AGAIN));
    }

    private void judged(String id, boolean waitsOnOthers, Instant now) {
        if (waitsOnOthers) {
            judged.put(id, now);
        } else {
            judged.remove(id);
        }
    }

    /** A broadcast's node run: only on its node, and waiting while that node is unreachable or gone. */
    private void placePinned(Pending task, List<Node> known, Round round) {
        String pin = task.onNode().orElseThrow();
        List<Node> node = known.stream().filter(candidate -> candidate.name().value().equals(pin)).toList();
        if (node.isEmpty()) {
            backlog.cause(task.id(), WaitCause.NO_NODE);
            backlog.waitsForNode(task.id(), true);
            noteWaiting(task, "waits for its node " + pin + ", which is unreachable or no longer registered", round);
        } else {
            place(task, Matcher.place(task.requires(), node), List.of(), round);
        }
    }

    /**
     * A broadcast ({@link Broadcast}): makes its node runs on the matching enabled nodes the first time it can run,
     * then waits for them and completes with their outcomes.
     */
    private void broadcast(Pending task, List<Node> known, List<NodeName> unreachable, Round round, Instant now) {
        if (task.children().isEmpty()) {
            Placement placement = Matcher.place(task.requires(), known);
            if (placement instanceof Placement.Ready ready) {
                List<Node> down = nodes.values().stream().filter(node -> unreachable.contains(node.name())).toList();
                List<NodeName> missed = Matcher.place(task.requires(), down) instanceof Placement.Ready matching
                        ? matching.nodes().stream().map(Node::name).toList() : List.of();
                readAgain(task).ifPresent(read -> ends.fanOut(read.task(),
                        ready.nodes().stream().map(Node::name).toList(), missed));
            } else {
                place(task, placement, unreachable, round);
            }
            return;
        }
        Optional<Results> results;
        try {
            Optional<Pending> read = readAgain(task);
            if (read.isEmpty()) {
                return;
            }
            results = Broadcast.results(task.children(), read.get().task().serve().unreachable(),
                    afterCheck.record(task.recordId()));
        } catch (DirtException e) {
            log.warn("could not read the node runs of {}: {}", task.id(), e.getMessage());
            return;
        }
        judged(task.id(), results.isEmpty(), now);
        if (results.isEmpty()) {
            backlog.cause(task.id(), WaitCause.DEPENDENCY);
            backlog.waitsForNode(task.id(), true);
            noteWaiting(task, Broadcast.waiting(task.children().stream().map(ServeFields::nodeOfRun).toList()), round);
            return;
        }
        backlog.remove(task.id());
        ends.broadcastDone(task.id(), task.name(), results.get());
    }

    /** Claims the round's choices together ({@link Claims}) and starts those this server won. */
    private void claimAll(List<Claims.Choice> choices) {
        if (choices.isEmpty()) {
            return;
        }
        List<Claims.Outcome> outcomes;
        try {
            outcomes = claims.claim(choices);
        } catch (StoreUnreachableException e) {
            if (!storeDown) {
                log.warn("cannot reach the database to claim tasks; no task starts until it answers (tried every {}"
                        + " s): {}", TICK.toSeconds(), e.getMessage());
            }
            storeDown = true;
            slots.forgetExpiries();
            return;
        } catch (DirtException e) {
            log.warn("could not claim {} task(s): {}", choices.size(), e.getMessage());
            slots.forgetExpiries();
            return;
        }
        if (storeDown) {
            log.info("the database answers again; starting tasks");
            storeDown = false;
        }
        for (int i = 0; i < choices.size(); i++) {
            String id = choices.get(i).task().id().value();
            if (outcomes.get(i) instanceof Claims.Claimed claimed) {
                backlog.remove(id);
                start(claimed);
            } else if (outcomes.get(i) instanceof Claims.Lost) {
                backlog.remove(id);
                log.debug("task {} was claimed or changed by someone else", id);
            } else {
                backlog.cause(id, WaitCause.SLOT);
            }
        }
    }

    private void start(Claims.Claimed claim) {
        Task task = claim.task();
        log.info("{} ({}, record {}) -> {} (attempt {})", task.id().value(), task.name().value(),
                task.recordId().value(), claim.node(), claim.attempt());
        execution.start(new Execution.Claim(task, claim.node(), claim.slot(), claim.attempt()),
                new Execution.Done() {
                    @Override
                    public void finished(NodeName ranOn, boolean reached, String unreachableReason) {
                        Dispatcher.this.finished(ranOn, reached, unreachableReason);
                    }

                    @Override
                    public void requeued(JsonObject document) {
                        taskSeen(document);
                    }
                });
    }

    /** The task could start but every slot of its nodes is taken. */
    private void waitsForSlot(Pending task, Round round) {
        backlog.cause(task.id(), WaitCause.SLOT);
        if (task.said() != null) {
            noteWaiting(task, FOR_A_SLOT, round);
        }
    }

    /** Notes why the task waits, for the round to log and write with the others when the reason is new. */
    private void noteWaiting(Pending task, String reason, Round round) {
        if (backlog.waits(task, reason)) {
            round.waiting.add(new Note(task, reason));
        }
    }

    /**
     * {@code tasks} with their documents, those kept without read again ({@link Documents}); the news of those that
     * changed or went meanwhile is taken as if the feed had brought it. None when the database cannot be read: they
     * wait for the next round (said once per outage).
     */
    private List<Pending> readAgain(List<Pending> tasks) {
        if (tasks.stream().allMatch(Pending::hasDocument)) {
            return tasks;
        }
        Documents.Reads reads;
        try {
            reads = documents.withDocuments(tasks);
        } catch (DirtException e) {
            if (!readFailing) {
                log.warn("could not read {} waiting task(s) again; they wait until the database answers: {}",
                        tasks.size(), e.getMessage());
            }
            readFailing = true;
            return List.of();
        }
        readFailing = false;
        reads.changed().forEach(this::taskSeen);
        reads.gone().forEach(backlog::remove);
        return reads.ready();
    }

    private Optional<Pending> readAgain(Pending task) {
        return readAgain(List.of(task)).stream().findFirst();
    }

    /** The notes whose tasks are read again where kept without their documents; those that changed are let go. */
    private List<Note> withDocuments(List<Note> notes) {
        Map<String, Pending> read = new HashMap<>();
        readAgain(notes.stream().map(Note::task).toList()).forEach(task -> read.put(task.id(), task));
        List<Note> ready = new ArrayList<>(notes.size());
        for (Note note : notes) {
            Pending task = read.get(note.task().id());
            if (task == null) {
                backlog.reasonNotWritten(note.task().id());
            } else {
                ready.add(new Note(task, note.reason()));
            }
        }
        return ready;
    }

    /**
     * Writes the round's new reasons to wait, {@link #WAITING_BATCH} documents per request, each at the revision the
     * dispatcher knows: one that changed meanwhile (claimed, cancelled, edited) keeps its old reason, and the next
     * round notes it again if it still waits.
     */
    private void writeWaiting(List<Note> notes) {
        for (int from = 0; from < notes.size(); from += WAITING_BATCH) {
            List<Note> some = notes.subList(from, Math.min(notes.size(), from + WAITING_BATCH));
            List<JsonObject> batch = withDocuments(some).stream()
                    .map(note -> note.task().json().with(Attempts.WAITING, note.reason())).toList();
            if (batch.isEmpty()) {
                continue;
            }
            try {
                for (Written written : writer.putAll(batch)) {
                    if (!written.ok()) {
                        backlog.reasonNotWritten(written.id());
                    }
                }
            } catch (DirtException e) {
                log.warn("could not note why {} task(s) wait: {}", batch.size(), e.getMessage());
                batch.forEach(doc -> backlog.reasonNotWritten(doc.id().orElse("")));
            }
        }
    }
}
