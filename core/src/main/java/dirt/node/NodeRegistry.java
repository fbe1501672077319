package dirt.node;

import static java.util.Objects.requireNonNull;

import dirt.DirtException;
import dirt.store.ConflictException;
import dirt.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The node documents of a project: stores probe results and the user's changes (enabled, slots). Every change
 * re-reads the document and retries once on a conflict, so a concurrent update (another updatenodes, a server
 * writing the node) is never overwritten with stale fields.
 */
public final class NodeRegistry {
    private static final int ATTEMPTS = 3;

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
     * keeps its enabled flag, slots and any fields users added.
     */
    public Node recordProbe(NodeName name, SysInfo facts) {
        return retryingConflicts(() -> {
            Node updated = find(name).map(node -> node.withProbe(facts, clock.instant()))
                    .orElseGet(() -> Node.create(name, facts, clock.instant()));
            store.put(updated.toJson());
            return updated;
        });
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
        retryingConflicts(() -> {
            Node node = require(name);
            store.delete(node.documentId(), node.rev().orElseThrow());
            return node;
        });
    }

    private Node update(NodeName name, UnaryOperator<Node> change) {
        return retryingConflicts(() -> {
            Node changed = change.apply(require(name));
            store.put(changed.toJson());
            return changed;
        });
    }

    /** Runs a read-modify-write again when the document changed in between. */
    private static <T> T retryingConflicts(Supplier<T> readModifyWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (ConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
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
