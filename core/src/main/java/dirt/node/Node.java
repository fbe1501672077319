package dirt.node;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.document.InvalidDocumentException;
import dirt.document.Problem;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A node document: a machine tasks run on. Fields: {@code _id} ({@code "node:" + name}, see {@link NodeName}),
 * {@code _rev}, {@code type: "node"}, {@code name} (the SSH host alias), {@code enabled} (default true), {@code slots}
 * (how many tasks may run at once; default {@code sys_info.cpu_count}, else 1), {@code sys_info} (the probed
 * {@link SysInfo} facts) and {@code probed} (seconds since the epoch of the last probe). Other fields are kept.
 *
 * <p>What serve writes about a node's health: {@code unreachable} (it cannot reach it), {@code quarantined} (it
 * failed what passed elsewhere: {@code reason}, {@code since}, {@code evidence}; lifted only by {@code dirt nodes
 * release}, which leaves {@code released}), {@code disk_full} (its work folder's free space is under {@code [serve]
 * min_free_disk_bytes}), {@code resources} (recent samples of load, memory and disk) and {@code facts_changed} (what
 * changed between two probes, {@link Drift}). A quarantined node or one whose disk is full takes no new work.
 */
public record Node(NodeName name, Optional<String> rev, boolean enabled, int slots, SysInfo sysInfo,
        Optional<Instant> probed, JsonObject document) {
    public static final String TYPE = "node";
    /** The field serve sets on a node it cannot reach: {@code reason}, {@code since}, {@code retry_at}. */
    public static final String UNREACHABLE = "unreachable";
    /** The field serve sets on a node that fails what passes elsewhere: {@code reason}, {@code since}, {@code evidence}. */
    public static final String QUARANTINED = "quarantined";
    /** When {@code dirt nodes release} last lifted a quarantine. */
    public static final String RELEASED = "released";
    /** The field serve sets while the node's work folder is nearly full: {@code reason}, {@code since}. */
    public static final String DISK_FULL = "disk_full";
    /** The changes in the node's facts between probes, oldest first ({@link Drift}). */
    public static final String FACTS_CHANGED = "facts_changed";

    public Node {
        requireNonNull(name, "name is null");
        requireNonNull(rev, "rev is null");
        requireNonNull(sysInfo, "sysInfo is null");
        requireNonNull(probed, "probed is null");
        requireNonNull(document, "document is null");
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
    }

    /** A new, enabled node with as many slots as it has CPUs (1 when unknown). */
    public static Node create(NodeName name, SysInfo sysInfo, Instant probed) {
        requireNonNull(probed, "probed is null");
        return new Node(name, Optional.empty(), true, defaultSlots(sysInfo), sysInfo, Optional.of(probed),
                JsonObject.EMPTY);
    }

    /** Every problem with a node document; empty when {@link #fromJson} would succeed. */
    public static List<Problem> validate(JsonObject json) {
        DocumentReader in = new DocumentReader(json);
        read(in);
        return in.problems();
    }

    /**
     * Parses a node document.
     *
     * @throws InvalidDocumentException listing every problem when the document is not a valid node
     */
    public static Node fromJson(JsonObject json) {
        DocumentReader in = new DocumentReader(json);
        Optional<Node> node = read(in);
        in.throwIfInvalid(TYPE);
        return node.orElseThrow();
    }

    private static Optional<Node> read(DocumentReader in) {
        Optional<String> id = in.requiredString("_id", "set it to \"node:\" followed by the node name");
        Optional<String> rev = in.string("_rev");
        in.expectType(TYPE);
        Optional<NodeName> name = readName(in);
        Optional<Boolean> enabled = in.bool("enabled");
        Optional<Integer> slots = in.integer("slots", 1);
        SysInfo sysInfo = readSysInfo(in);
        Optional<Instant> probed = in.epochSeconds("probed");
        if (id.isPresent() && name.isPresent() && !id.get().equals(name.get().documentId())) {
            in.problem("_id", "must be " + DocumentReader.quote(name.get().documentId()) + " for a node named "
                    + DocumentReader.quote(name.get().value()) + ", got " + DocumentReader.quote(id.get()));
        }
        if (!in.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Node(name.orElseThrow(), rev, enabled.orElse(true),
                slots.orElseGet(() -> defaultSlots(sysInfo)), sysInfo, probed, in.document()));
    }

    private static Optional<NodeName> readName(DocumentReader in) {
        Optional<String> name = in.requiredString("name", "set it to the SSH host alias the node was added by");
        Optional<String> problem = name.flatMap(NodeName::problemWith);
        problem.ifPresent(p -> in.problem("name", p));
        return problem.isPresent() ? Optional.empty() : name.map(NodeName::new);
    }

    private static SysInfo readSysInfo(DocumentReader in) {
        Optional<JsonObject> facts = in.object("sys_info");
        facts.ifPresent(json -> {
            DocumentReader sys = new DocumentReader(json);
            sys.integer(SysInfo.CPU_COUNT, 1);
            sys.string(SysInfo.ARCHITECTURE);
            sys.string(SysInfo.HOSTNAME);
            in.nested("sys_info", sys.problems());
        });
        return facts.map(SysInfo::new).orElseGet(SysInfo::empty);
    }

    private static int defaultSlots(SysInfo sysInfo) {
        return sysInfo.cpuCount().orElse(1);
    }

    /** The {@code _id} of this node's document, {@code "node:" + name}. */
    public String documentId() {
        return name.documentId();
    }

    /** The document this node was read from, including fields dirt does not know. */
    @Override
    public JsonObject document() {
        return document;
    }

    public Node withEnabled(boolean enabled) {
        return new Node(name, rev, enabled, slots, sysInfo, probed, document);
    }

    public Node withSlots(int slots) {
        return new Node(name, rev, enabled, slots, sysInfo, probed, document);
    }

    /**
     * The node after a new probe: new facts and probe time; enabled and slots are kept. It answered, so the mark serve
     * leaves on a node it cannot reach ({@code unreachable}) goes.
     */
    public Node withProbe(SysInfo sysInfo, Instant probed) {
        requireNonNull(probed, "probed is null");
        List<Drift> drift = Drift.between(this.sysInfo, sysInfo, probed);
        DocumentWriter updated = DocumentWriter.copyOf(document).remove(UNREACHABLE);
        if (!drift.isEmpty()) {
            updated.json(FACTS_CHANGED, Drift.appendTo(document.get(FACTS_CHANGED), drift));
        }
        return new Node(name, rev, enabled, slots, sysInfo, Optional.of(probed), updated.build());
    }

    /** The node with its quarantine lifted, {@code released} at {@code at}. */
    public Node released(Instant at) {
        return new Node(name, rev, enabled, slots, sysInfo, probed, DocumentWriter.copyOf(document)
                .remove(QUARANTINED).epochSeconds(RELEASED, at).build());
    }

    /** The changes in this node's facts that its document keeps, oldest first. */
    public List<Drift> factsChanged() {
        return Drift.of(document.get(FACTS_CHANGED));
    }

    /** Why serve quarantined this node; empty when it is not. */
    public Optional<String> quarantined() {
        return mark(QUARANTINED);
    }

    /**
     * Why this enabled node takes no new work although it is registered: quarantined, or its disk is full. Empty
     * when it takes work (or is disabled, which says so by itself).
     */
    public Optional<String> offWork() {
        return quarantined().map(reason -> "quarantined (" + reason + ") — 'dirt nodes release " + name
                + "' lifts it").or(() -> mark(DISK_FULL));
    }

    /**
     * Whether placing tasks sees no difference between this node and {@code other}: same enabled, slots, facts and
     * marks. A new revision that only adds resource samples or a notification claim places as the one before.
     */
    public boolean placesAs(Node other) {
        return enabled == other.enabled && slots == other.slots && sysInfo.equals(other.sysInfo)
                && offWork().equals(other.offWork()) && unreachable().equals(other.unreachable());
    }

    /** Whether serve may give this node new work: enabled, not quarantined, disk not full. */
    public boolean takesWork() {
        return enabled && offWork().isEmpty();
    }

    private Optional<String> mark(String field) {
        return document.object(field).map(mark -> reason(mark, field));
    }

    /** Why serve cannot reach this node, as serve marked it on the document; empty when it can. */
    public Optional<String> unreachable() {
        return document.object(UNREACHABLE).map(mark -> reason(mark, "unreachable"));
    }

    /** A mark's {@code reason} as text: a string's value, another scalar's JSON, {@code otherwise} when absent or null. */
    private static String reason(JsonObject mark, String otherwise) {
        Json reason = mark.get("reason").orElse(JsonNull.NULL);
        if (reason instanceof JsonString text) {
            return text.value();
        }
        if (reason instanceof JsonObject || reason instanceof JsonArray) {
            return "";
        }
        return reason == JsonNull.NULL ? otherwise : reason.toString();
    }

    /** The document with this node's fields set on {@link #document()}. */
    public JsonObject toDocument() {
        return DocumentWriter.copyOf(document)
                .string("_id", documentId())
                .string("_rev", rev)
                .string("type", TYPE)
                .string("name", name.value())
                .bool("enabled", enabled)
                .integer("slots", slots)
                .json("sys_info", sysInfo.facts())
                .epochSeconds("probed", probed)
                .build();
    }
}
