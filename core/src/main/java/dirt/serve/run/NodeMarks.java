package dirt.serve.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JacksonBridge;
import dirt.DirtException;
import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.health.Quarantine;
import dirt.health.Samples;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
public final class NodeMarks {
    private static final Logger log = LoggerFactory.getLogger(NodeMarks.class);

    private final Store store;
    private final Clock clock;

    public NodeMarks(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void unreachable(NodeName node, String reason, Instant retryAt) {
        update(node, doc -> {
            Instant since = DocumentReader.epochSecondsIn(doc.path(Node.UNREACHABLE), "since")
                    .orElseGet(clock::instant);
            ObjectNode mark = DocumentWriter.empty().string("reason", reason).epochSeconds("since", since)
                    .epochSeconds("retry_at", retryAt).toJson();
            return DocumentWriter.copyOf(doc).json(Node.UNREACHABLE, mark).toJson();
        });
    }

    public void reachable(NodeName node) {
        update(node, doc -> doc.has(Node.UNREACHABLE)
                ? DocumentWriter.copyOf(doc).remove(Node.UNREACHABLE).toJson() : null);
    }

    /**
     * Quarantines the node, unless it is already (another server's verdict) or its document shows a release after
     * which fewer than {@code failures} of the verdict's failures remain (a release this server had not seen yet).
     */
    void quarantined(Quarantine.Verdict verdict, int failures) {
        update(new NodeName(verdict.node()), doc -> {
            Optional<Instant> released = DocumentReader.epochSecondsIn(doc, Node.RELEASED);
            List<Quarantine.Evidence> evidence = verdict.evidence().stream()
                    .filter(e -> released.isEmpty() || e.failedAt().isAfter(released.get())).toList();
            if (doc.has(Node.QUARANTINED) || evidence.size() < failures) {
                return null;
            }
            log.warn("node {} quarantined: {} — it takes no new work until 'dirt nodes release {}'", verdict.node(),
                    verdict.reason(), verdict.node());
            return DocumentWriter.copyOf(doc).json(Node.QUARANTINED, quarantineMark(verdict.reason(), evidence))
                    .toJson();
        });
    }

    private ObjectNode quarantineMark(String reason, List<Quarantine.Evidence> found) {
        ArrayNode evidence = JsonNodeFactory.instance.arrayNode();
        found.forEach(e -> {
            ObjectNode entry = DocumentWriter.empty().string("task", e.taskId()).string("name", e.taskName())
                    .integer("attempt", e.attempt()).epochSeconds("failed", e.failedAt()).toJson();
            ArrayNode passedOn = entry.putArray("passed_on");
            e.passedOn().forEach(passedOn::add);
            evidence.add(entry);
        });
        return DocumentWriter.empty().string("reason", reason).epochSeconds("since", clock.instant())
                .json("evidence", evidence).toJson();
    }

    /**
     * Adds samples to the node's {@code resources} and marks or unmarks {@code disk_full} by the newest
     * ({@link Samples#diskFull}).
     */
    void sampled(NodeName node, List<Samples.Sample> samples, long minFreeDisk) {
        Samples.Sample newest = samples.get(samples.size() - 1);
        update(node, doc -> {
            DocumentWriter updated = DocumentWriter.copyOf(doc)
                    .json(Samples.FIELD, Samples.append(
                            Optional.ofNullable(doc.get(Samples.FIELD)).map(JacksonBridge::value), samples));
            boolean marked = doc.has(Node.DISK_FULL);
            Optional<String> full = Samples.diskFull(newest, minFreeDisk, marked);
            if (full.isPresent() && !marked) {
                log.warn("node {} takes no new work: {}", node, full.get());
                updated.json(Node.DISK_FULL, DocumentWriter.empty().string("reason", full.get())
                        .epochSeconds("since", clock.instant()).toJson());
            } else if (full.isEmpty() && marked) {
                log.info("node {} has free disk space again; it takes work", node);
                updated.remove(Node.DISK_FULL);
            }
            return updated.toJson();
        });
    }

    private void update(NodeName node, UnaryOperator<ObjectNode> change) {
        try {
            store.update(NodeName.DOCUMENT_ID_PREFIX + node.value(), JacksonBridge.edit(change));
        } catch (DirtException e) {
            log.warn("could not mark node {} on its document: {}", node, e.getMessage());
        }
    }
}
