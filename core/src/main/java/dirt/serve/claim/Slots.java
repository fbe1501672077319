package dirt.serve.claim;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.node.NodeName;
import dirt.serve.ServeEvents;
import dirt.serve.ServerId;
import dirt.serve.run.HeldSlots;
import dirt.store.ConflictException;
import dirt.store.Store;
import dirt.store.StoreException;
import dirt.store.Written;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's slots as documents ({@code slot:ALIAS:INDEX}), shared by every server on the database: a server takes a
 * free slot with a {@code _rev}-guarded write before it claims a task for that node, renews its lease on the slots it
 * holds every {@link #RENEW_EVERY}, and frees the slot when it is done with it. A slot document names its holder, not
 * the task: the task names its node, slot and server, so a held slot runs one task after another without a write
 * between them, and the runs of a holder that died are found from the tasks ({@link Leases}). So a node never runs
 * more tasks than it has slots, however many servers share it, and a slot whose holder died is found: its holder's
 * process is gone (same host), or its lease ran out and stayed out for {@link #GRACE} while this server could read the
 * database. Thread-safe.
 */
public final class Slots implements HeldSlots {
    private static final Logger log = LoggerFactory.getLogger(Slots.class);
    public static final String PREFIX = "slot:";
    static final String TYPE = "slot";
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration RENEW_EVERY = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(10);
    /** How long, and for how many runs, this server reuses a slot before it lets other servers have it. */
    static final Duration WORKLIFE = Duration.ofSeconds(10);
    static final int WORKLIFE_RUNS = 20;
    /**
     * How long a slot this server let go at the end of its worklife is left to other servers, which see it freed in
     * their changes feeds and take it at once; time enough for a round trip, short enough to cost a lone server
     * little.
     */
    static final Duration COOL_DOWN = Duration.ofMillis(250);
    /**
     * How long a slot this server kept from a run that ended waits for this server's next task on that node before it
     * is freed: tasks posted one after another reuse it without a write, and other servers wait at most this long.
     */
    static final Duration KEEP_IDLE = Duration.ofSeconds(1);

    private record Holding(Instant since, int runs) {}

    /** One slot document as last seen: taken while it names a holder. */
    record Slot(String id, NodeName node, int index, Optional<String> rev, Optional<ServerId> server,
            Instant expires) {
        Slot {
            requireNonNull(id, "id is null");
        }

        boolean isTaken() {
            return server.isPresent();
        }

        static Optional<Slot> fromJson(JsonObject doc) {
            String id = doc.id().orElse("");
            Optional<String> node = doc.string("node");
            Optional<Integer> index = doc.number("index").filter(n -> n.value().compareTo(INT_MIN) >= 0
                    && n.value().compareTo(INT_MAX) <= 0).map(n -> n.value().intValue());
            if (!id.startsWith(PREFIX) || node.isEmpty() || index.isEmpty()) {
                return Optional.empty();
            }
            Optional<ServerId> holder = doc.object("server").map(server -> new ServerId(
                    server.string("name").orElse(""), server.string("host").orElse(""),
                    whole(server.number("pid")), whole(server.number("process_start"))));
            return Optional.of(new Slot(id, new NodeName(node.get()), index.get(), doc.rev(), holder,
                    Instant.ofEpochSecond(whole(doc.number("expires")))));
        }

        private static final java.math.BigDecimal INT_MIN = java.math.BigDecimal.valueOf(Integer.MIN_VALUE);
        private static final java.math.BigDecimal INT_MAX = java.math.BigDecimal.valueOf(Integer.MAX_VALUE);

        /** The number's whole part, 0 when missing, as Jackson's {@code asLong()} read it. */
        private static long whole(Optional<JsonNumber> number) {
            return number.map(n -> n.value().longValue()).orElse(0L);
        }
    }

    private final Store store;
    private final ServerId me;
    private final Clock clock;
    private final Map<String, Slot> known = new HashMap<>();
    private final Map<String, Instant> seenExpired = new HashMap<>();
    private final Set<String> held = new HashSet<>();
    /** Since when, and for how many runs, this server has held each of its slots without letting it go. */
    private final Map<String, Holding> holding = new HashMap<>();
    /** Slots this server let go at the end of their worklife: id to when this server may take it again. */
    private final Map<String, Instant> cooling = new HashMap<>();
    /** Slots this server holds whose run ended, kept for its next task on that node: id to when the run ended. */
    private final Map<String, Instant> parked = new HashMap<>();
    /** The task each slot this server holds runs now: slot id to task id. */
    private final Map<String, String> running = new HashMap<>();
    private final ServeEvents events;

    Slots(Store store, ServerId me, Clock clock) {
        this(store, me, ServeEvents.NONE, clock);
    }

    public Slots(Store store, ServerId me, ServeEvents events, Clock clock) {
        this.store = store;
        this.me = me;
        this.events = events;
        this.clock = clock;
    }

    static String id(NodeName node, int index) {
        return PREFIX + node.value() + ":" + index;
    }

    /** A slot document read from the database or the changes feed; older revisions than the known one are ignored. */
    public synchronized void seen(JsonObject doc) {
        Slot.fromJson(doc).ifPresent(slot -> {
            Slot old = known.get(slot.id());
            if (old == null || generation(slot.rev()) >= generation(old.rev())) {
                known.put(slot.id(), slot);
                if (old == null || !old.rev().equals(slot.rev())) {
                    seenExpired.remove(slot.id());
                }
            }
        });
    }

    public synchronized void deleted(String id) {
        known.remove(id);
        running.remove(id);
        held.remove(id);
        parked.remove(id);
        holding.remove(id);
    }

    /** How many of the node's first {@code slots} slots run a task now, on any server. */
    public synchronized int busy(NodeName node, int slots) {
        int busy = 0;
        for (int index = 0; index < slots; index++) {
            Slot slot = known.get(id(node, index));
            if (slot != null && slot.isTaken() && !parked.containsKey(slot.id())) {
                busy++;
            }
        }
        return busy;
    }

    /** A slot wanted for a task on a node with {@code slots} slots. */
    record Want(NodeName node, int slots, String taskId) {}

    /**
     * Takes a slot for each want: one this server kept from a run that ended (no write: it holds it already), else a
     * free one, all of those in one write to the database (one {@code _bulk_docs}). Per want, in order, the slot's
     * index, or empty when the node had no free slot or other servers took the free ones first (the task then waits
     * for the next round). Two wants for one node get two slots.
     */
    synchronized List<Optional<Integer>> acquireAll(List<Want> wants) {
        List<Optional<Integer>> taken = new ArrayList<>();
        wants.forEach(want -> taken.add(Optional.empty()));
        List<Integer> open = new ArrayList<>();
        for (int w = 0; w < wants.size(); w++) {
            open.add(w);
        }
        // A conflict means this server's copy of that slot was stale; it has just been read again, so the wants
        // that met one are tried once more, in one more write.
        for (int pass = 0; pass < 2 && !open.isEmpty(); pass++) {
            open = tryToTake(wants, open, taken);
        }
        return taken;
    }

    /** One write for the wants at {@code open}; fills {@code taken}, returns the wants that met a conflict. */
    private List<Integer> tryToTake(List<Want> wants, List<Integer> open, List<Optional<Integer>> taken) {
        List<JsonObject> docs = new ArrayList<>();
        List<Integer> wantOf = new ArrayList<>();
        Set<String> reserved = new HashSet<>();
        for (int w : open) {
            Want want = wants.get(w);
            for (int index : order(want.node(), want.slots())) {
                String id = id(want.node(), index);
                Slot slot = known.get(id);
                if (reserved.contains(id) || slot != null && slot.isTaken() && !parked.containsKey(id)
                        || clock.instant().isBefore(cooling.getOrDefault(id, Instant.MIN))) {
                    continue;
                }
                reserved.add(id);
                if (parked.containsKey(id) && slot != null && slot.server().equals(Optional.of(me))
                        && slot.expires().isAfter(clock.instant().plus(RENEW_EVERY))) {
                    reuse(id, want.taskId());
                    taken.set(w, Optional.of(index));
                } else {
                    docs.add(taken(want.node(), index, slot == null ? Optional.empty() : slot.rev()));
                    wantOf.add(w);
                }
                break;
            }
        }
        List<Integer> conflicted = new ArrayList<>();
        List<Written> results = store.claimAll(docs);
        for (int i = 0; i < results.size(); i++) {
            Written result = results.get(i);
            JsonObject doc = docs.get(i);
            if (result.ok()) {
                seen(doc.with("_rev", result.rev().orElseThrow()));
                held.add(result.id());
                parked.remove(result.id());
                holding.put(result.id(), new Holding(clock.instant(), 1));
                running.put(result.id(), wants.get(wantOf.get(i)).taskId());
                taken.set(wantOf.get(i), Optional.of(doc.number("index").orElseThrow().intValue()));
            } else {
                parked.remove(result.id());
                if (result.conflict()) {
                    events.conflict(ServeEvents.Conflict.SLOT);
                    conflicted.add(wantOf.get(i));
                } else {
                    log.warn("could not take slot {}: {}", result.id(), result.problem().orElseThrow());
                }
                store.get(result.id()).ifPresent(this::seen);
            }
        }
        return conflicted;
    }

    /**
     * A slot kept from this server's last run on it goes to {@code taskId}, without a write: its lease, as this server
     * last wrote it, runs for longer than {@link #RENEW_EVERY} yet, so no other server can have found it stale and
     * taken it (a slot whose lease is that close to its end is taken with a {@code _rev}-guarded write instead).
     */
    private void reuse(String id, String taskId) {
        parked.remove(id);
        Holding before = holding.get(id);
        holding.put(id, before == null ? new Holding(clock.instant(), 1)
                : new Holding(before.since(), before.runs() + 1));
        running.put(id, taskId);
    }

    private JsonObject taken(NodeName node, int index, Optional<String> rev) {
        return document(node, index, rev).toBuilder().put("server", serverJson(me))
                .put("expires", clock.instant().plus(LEASE).getEpochSecond()).build();
    }

    /** The node's slot indexes to try, the slots this server keeps between runs first. */
    private List<Integer> order(NodeName node, int slots) {
        List<Integer> order = new ArrayList<>();
        for (int index = 0; index < slots; index++) {
            if (parked.containsKey(id(node, index))) {
                order.add(index);
            }
        }
        for (int index = 0; index < slots; index++) {
            if (!order.contains(index)) {
                order.add(index);
            }
        }
        return order;
    }

    /**
     * The run of {@code taskId} in this slot ended: keeps the slot for this server's next task on that node (the
     * dispatcher's next round gives it to a task without a write), unless this server has held it for
     * {@link #WORKLIFE} or {@link #WORKLIFE_RUNS} runs: then frees it, so that servers sharing the node all get work.
     * {@link #releaseParked} frees what the next round did not reuse.
     */
    @Override
    public synchronized void park(NodeName node, int index, String taskId) {
        String id = id(node, index);
        if (!taskId.equals(running.get(id))) {
            return; // not this server's run in that slot (any more): nothing to keep or free
        }
        running.remove(id);
        Slot slot = known.get(id);
        Holding holds = holding.get(id);
        boolean mine = slot != null && slot.server().equals(Optional.of(me));
        boolean worn = holds == null || holds.runs() >= WORKLIFE_RUNS
                || !clock.instant().isBefore(holds.since().plus(WORKLIFE));
        if (mine && !worn) {
            parked.put(id, clock.instant());
        } else {
            free(id);
            if (mine) {
                cooling.put(id, clock.instant().plus(COOL_DOWN));
            }
        }
    }

    /**
     * Ends a dispatcher round: frees, in one write, every slot kept between runs for {@link #KEEP_IDLE} that no task
     * took meanwhile, so that other servers get it.
     */
    public synchronized void releaseParked() {
        Instant before = clock.instant().minus(KEEP_IDLE);
        freeParked(parkedAt -> !parkedAt.isAfter(before));
    }

    /** Frees every slot kept between runs, in one write: this server stops. */
    public synchronized void releaseEveryParked() {
        freeParked(parkedAt -> true);
    }

    private void freeParked(Predicate<Instant> which) {
        List<String> ids = parked.keySet().stream().filter(id -> which.test(parked.get(id))).toList();
        List<JsonObject> docs = new ArrayList<>();
        for (String id : ids) {
            Slot slot = known.get(id);
            if (slot != null && slot.server().equals(Optional.of(me))) {
                docs.add(document(slot.node(), slot.index(), slot.rev())
                        .with("expires", JsonNumber.of(clock.instant().getEpochSecond())));
            }
        }
        List<Written> results;
        try {
            results = docs.isEmpty() ? List.of() : store.putAll(docs);
        } catch (StoreException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // serve stops: they stay kept, and its last step frees them (releaseEveryParked)
            }
            log.warn("could not free {} slot(s) (freed again once the database answers): {}", docs.size(),
                    e.getMessage());
            results = List.of();
        }
        for (String id : ids) {
            parked.remove(id);
            holding.remove(id);
            held.remove(id);
        }
        for (Written result : results) {
            if (result.ok()) {
                JsonObject doc = docs.stream().filter(d -> d.id().orElse("").equals(result.id())).findFirst()
                        .orElseThrow();
                seen(doc.with("_rev", result.rev().orElseThrow()));
            } else {
                try {
                    store.get(result.id()).ifPresent(this::seen);
                } catch (StoreException e) {
                    log.debug("could not read slot {} again (the feed brings it): {}", result.id(), e.getMessage());
                }
            }
        }
    }

    /**
     * Frees the slot this server holds for {@code taskId}; nothing when the slot runs another task of this server now.
     * Best effort (a slot left taken expires).
     */
    @Override
    public synchronized void release(NodeName node, int index, String taskId) {
        String id = id(node, index);
        if (taskId.equals(running.get(id))) {
            free(id);
        }
    }

    private void free(String id) {
        held.remove(id);
        parked.remove(id);
        holding.remove(id);
        running.remove(id);
        Slot slot = known.get(id);
        if (slot == null || !slot.server().equals(Optional.of(me))) {
            return;
        }
        try {
            write(document(slot.node(), slot.index(), slot.rev())
                    .with("expires", JsonNumber.of(clock.instant().getEpochSecond())));
        } catch (StoreException e) {
            log.warn("could not free slot {} (freed again once the database answers): {}", id, e.getMessage());
        }
    }

    /**
     * Renews the lease on every slot this server holds. Returns the tasks whose slot another server took meanwhile
     * (after this server could not renew for longer than the lease): their runs must stop.
     */
    synchronized List<String> renew() {
        List<String> lost = new ArrayList<>();
        for (String id : List.copyOf(held)) {
            Slot slot = known.get(id);
            if (slot == null || !slot.server().equals(Optional.of(me))) {
                held.remove(id);
                Optional.ofNullable(running.remove(id)).ifPresent(lost::add);
                continue;
            }
            if (!write(taken(slot.node(), slot.index(), slot.rev()))) {
                Slot now = known.get(id);
                if (now == null || !now.server().equals(Optional.of(me))) {
                    held.remove(id);
                    parked.remove(id);
                    Optional.ofNullable(running.remove(id)).ifPresent(lost::add);
                }
            }
        }
        return lost;
    }

    /**
     * Slots held by another server that is dead: its process is gone from this host, or its lease has been out for
     * {@link #GRACE} as seen by this server. Call regularly; the grace starts counting at the first call that sees
     * the lease out.
     */
    synchronized List<Slot> stale(String localHost) {
        Instant now = clock.instant();
        List<Slot> stale = new ArrayList<>();
        for (Slot slot : known.values()) {
            if (!slot.isTaken() || slot.server().equals(Optional.of(me))) {
                continue;
            }
            boolean dead = slot.server().map(server -> server.isDeadOn(localHost)).orElse(true);
            if (!dead && now.isAfter(slot.expires())) {
                Instant first = seenExpired.computeIfAbsent(slot.id(), id -> now);
                dead = !now.isBefore(first.plus(GRACE));
            }
            if (dead) {
                stale.add(slot);
            }
        }
        return stale;
    }

    /**
     * Frees the slots that name this server but that it neither runs nor keeps: their free failed (the database did
     * not answer), and no other server may be there to find their lease out, since a server never finds its own slots
     * stale. Each is freed unless it changed since it was seen; returns their ids.
     */
    synchronized List<String> freeForgotten() {
        List<String> freed = new ArrayList<>();
        for (Slot slot : List.copyOf(known.values())) {
            if (slot.server().equals(Optional.of(me)) && !held.contains(slot.id()) && clear(slot)) {
                freed.add(slot.id());
            }
        }
        return freed;
    }

    /** Frees a stale slot, unless it changed since it was seen; whether this server freed it. */
    synchronized boolean clear(Slot stale) {
        return write(document(stale.node(), stale.index(), stale.rev())
                .with("expires", JsonNumber.of(clock.instant().getEpochSecond())));
    }

    /** The database could not be reached: leases seen out so far may just not have been renewable; start over. */
    public synchronized void forgetExpiries() {
        seenExpired.clear();
    }

    /** Reads a slot from the database again, for a decision that must not rest on a stale copy. */
    Optional<Slot> fresh(NodeName node, int index) {
        Optional<JsonObject> doc = store.get(id(node, index));
        doc.ifPresent(this::seen);
        return doc.flatMap(Slot::fromJson);
    }

    private boolean write(JsonObject doc) {
        try {
            seen(doc.with("_rev", store.put(doc)));
            return true;
        } catch (ConflictException e) {
            store.get(doc.id().orElseThrow()).ifPresent(this::seen);
            return false;
        }
    }

    private static JsonObject document(NodeName node, int index, Optional<String> rev) {
        JsonObject.Builder doc = JsonObject.builder().put("_id", id(node, index));
        rev.ifPresent(r -> doc.put("_rev", r));
        return doc.put("type", TYPE).put("node", node.value()).put("index", index).build();
    }

    private static JsonObject serverJson(ServerId server) {
        return JsonObject.builder().put("name", server.name()).put("host", server.host())
                .put("pid", server.pid()).put("process_start", server.processStart()).put("label", server.label()).build();
    }

    private static long generation(Optional<String> rev) {
        if (rev.isEmpty()) {
            return 0;
        }
        int dash = rev.get().indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? rev.get() : rev.get().substring(0, dash));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
