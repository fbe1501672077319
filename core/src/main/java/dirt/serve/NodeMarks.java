package dirt.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.DirtException;
import dirt.document.DocumentWriter;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows on a node's document that serve cannot reach it: {@code unreachable} ({@code reason}, {@code since},
 * {@code retry_at}), removed when it answers again. Best effort: a failed write is logged and left.
 */
final class NodeMarks {
    private static final Logger log = LoggerFactory.getLogger(NodeMarks.class);

    private final Store store;
    private final Clock clock;

    NodeMarks(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void unreachable(NodeName node, String reason, Instant retryAt) {
        update(node, doc -> {
            Instant since = doc.path(Node.UNREACHABLE).has("since")
                    ? Instant.ofEpochMilli(Math.round(doc.path(Node.UNREACHABLE).path("since").asDouble() * 1000)) : clock.instant();
            ObjectNode mark = DocumentWriter.empty().string("reason", reason).epochSeconds("since", since)
                    .epochSeconds("retry_at", retryAt).toJson();
            return DocumentWriter.copyOf(doc).json(Node.UNREACHABLE, mark).toJson();
        });
    }

    void reachable(NodeName node) {
        update(node, doc -> doc.has(Node.UNREACHABLE) ? DocumentWriter.copyOf(doc).remove(Node.UNREACHABLE).toJson() : null);
    }

    private void update(NodeName node, UnaryOperator<ObjectNode> change) {
        try {
            store.update(NodeName.DOCUMENT_ID_PREFIX + node.value(), change);
        } catch (DirtException e) {
            log.warn("could not mark node {} on its document: {}", node, e.getMessage());
        }
    }
}
