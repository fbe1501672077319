package dirt.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.DirtException;
import dirt.document.DocumentWriter;
import dirt.health.Quarantine;
import dirt.health.Samples;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What serve writes on a node's document: that it cannot reach it ({@code unreachable}: {@code reason}, {@code since},
 * {@code retry_at}; removed when it answers again), that it is quarantined ({@code quarantined}: {@code reason},
 * {@code since}, {@code evidence}), and its resources ({@code resources}, with {@code disk_full} while its work folder
 * is nearly full). Each write applies to the document as it is now; best effort: a failed write is logged and left.
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

    /** Quarantines the node, unless it is already (another server's verdict, or a release raced this one). */
    void quarantined(Quarantine.Verdict verdict) {
        ArrayNode evidence = JsonNodeFactory.instance.arrayNode();
        verdict.evidence().forEach(e -> {
            ObjectNode entry = DocumentWriter.empty().string("task", e.taskId()).string("name", e.taskName())
                    .integer("attempt", e.attempt()).epochSeconds("failed", e.failedAt()).toJson();
            ArrayNode passedOn = entry.putArray("passed_on");
            e.passedOn().forEach(passedOn::add);
            evidence.add(entry);
        });
        ObjectNode mark = DocumentWriter.empty().string("reason", verdict.reason())
                .epochSeconds("since", clock.instant()).json("evidence", evidence).toJson();
        update(new NodeName(verdict.node()), doc -> doc.has(Node.QUARANTINED) ? null
                : DocumentWriter.copyOf(doc).json(Node.QUARANTINED, mark).toJson());
    }

    /**
     * Adds a sample to the node's {@code resources} and marks or unmarks {@code disk_full} by it; nothing when another
     * server sampled the node less than {@code recent} ago.
     */
    void sampled(NodeName node, Samples.Sample sample, long minFreeDisk, Duration recent) {
        update(node, doc -> {
            JsonNode resources = doc.path(Samples.FIELD);
            if (Samples.sampledWithin(resources, clock.instant(), recent)) {
                return null;
            }
            DocumentWriter updated = DocumentWriter.copyOf(doc).json(Samples.FIELD, Samples.append(resources, sample));
            Optional<String> full = Samples.diskFull(sample, minFreeDisk);
            if (full.isPresent() && !doc.has(Node.DISK_FULL)) {
                log.warn("node {} takes no new work: {}", node, full.get());
                updated.json(Node.DISK_FULL, DocumentWriter.empty().string("reason", full.get())
                        .epochSeconds("since", clock.instant()).toJson());
            } else if (full.isEmpty() && doc.has(Node.DISK_FULL)) {
                log.info("node {} has free disk space again; it takes work", node);
                updated.remove(Node.DISK_FULL);
            }
            return updated.toJson();
        });
    }

    private void update(NodeName node, UnaryOperator<ObjectNode> change) {
        try {
            store.update(NodeName.DOCUMENT_ID_PREFIX + node.value(), change);
        } catch (DirtException e) {
            log.warn("could not mark node {} on its document: {}", node, e.getMessage());
        }
    }
}
