package dirt.farm;

import static java.util.Objects.requireNonNull;

import dirt.DirtException;
import dirt.json.JsonBoolean;
import dirt.node.Drift;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.node.NodeNotFoundException;
import dirt.node.SysInfo;
import dirt.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The node documents of a project: stores probe results and the user's changes (enabled, slots). Every change is a
 * {@link Store#upsert read-modify-write}, so a concurrent update (another updatenodes, a server writing the node) is
 * never overwritten with stale fields.
 */
public final class NodeRegistry {
    private final Store store;
    private final Clock clock;

    public NodeRegistry(Store store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Every node, by name. Documents under the node prefix that are not valid nodes are skipped. */
    public List<Node> list() {
        return store.withIdPrefix(NodeName.DOCUMENT_ID_PREFIX).stream()
                .filter(doc -> Node.validate(doc).isEmpty())
                .map(Node::fromJson)
                .toList();
    }

    public Optional<Node> find(NodeName name) {
        return store.get(name.documentId()).map(Node::fromJson);
    }

    /**
     * Stores a fresh probe: a new node is enabled with {@code slots = cpu_count}; a known node gets the new facts and
     * keeps its enabled flag, slots, quarantine and any fields users added, and what changed in its facts is added to
     * {@code facts_changed} ({@link Drift}). Values of secret-looking variables are never stored.
     */
    public Node recordProbe(NodeName name, SysInfo facts) {
        SysInfo stored = facts.withoutSecretValues();
        return Node.fromJson(store.upsert(name.documentId(), current ->
                current.map(Node::fromJson).map(node -> node.withProbe(stored, clock.instant()))
                        .orElseGet(() -> Node.create(name, stored, clock.instant())).toDocument()).orElseThrow());
    }

    /** Lifts a node's quarantine ({@code dirt nodes release}); returns the node as stored. */
    public Node release(NodeName name) {
        Node node = require(name);
        return node.quarantined().isEmpty() ? node : update(name, current -> current.released(clock.instant()));
    }

    public Node setEnabled(NodeName name, boolean enabled) {
        return update(name, node -> node.withEnabled(enabled));
    }

    public Node setSlots(NodeName name, int slots) {
        if (slots < 1) {
            throw new DirtException("slots must be at least 1, got " + slots
                    + " — to stop giving a node work, disable it with 'dirt nodes disable " + name + "'");
        }
        return update(name, node -> node.withSlots(slots));
    }

    public void remove(NodeName name) {
        require(name);
        store.update(name.documentId(), doc -> doc.with("_deleted", JsonBoolean.TRUE));
    }

    private Node update(NodeName name, UnaryOperator<Node> change) {
        require(name);
        return store.update(name.documentId(), doc -> change.apply(Node.fromJson(doc)).toDocument())
                .map(Node::fromJson).orElseGet(() -> require(name));
    }

    private Node require(NodeName name) {
        return find(name).orElseThrow(() -> new NodeNotFoundException(String.format(
                "no node named \"%s\"%s — 'dirt nodes' lists them; add one with 'dirt updatenodes %s'",
                name, known(), name)));
    }

    private String known() {
        String names = list().stream().map(node -> node.name().value()).collect(Collectors.joining(", "));
        return names.isEmpty() ? " (there are no nodes yet)" : " (known: " + names + ")";
    }
}
