package dirt.serve.run;

import dirt.DirtException;
import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
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
            Instant since = doc.object(Node.UNREACHABLE).flatMap(mark -> new DocumentReader(mark).epochSeconds("since"))
                    .orElseGet(clock::instant);
            JsonObject mark = DocumentWriter.empty().string("reason", reason).epochSeconds("since", since)
                    .epochSeconds("retry_at", retryAt).build();
            return doc.with(Node.UNREACHABLE, mark);
        });
    }

    public void reachable(NodeName node) {
        update(node, doc -> doc.has(Node.UNREACHABLE) ? doc.without(Node.UNREACHABLE) : null);
    }

    /**
     * Quarantines the node, unless it is already (another server's verdict) or its document shows a release after
     * which fewer than {@code failures} of the verdict's failures remain (a release this server had not seen yet).
     */
    void quarantined(Quarantine.Verdict verdict, int failures) {
        update(new NodeName(verdict.node()), doc -> {
            Optional<Instant> released = new DocumentReader(doc).epochSeconds(Node.RELEASED);
            List<Quarantine.Evidence> evidence = verdict.evidence().stream()
                    .filter(e -> released.isEmpty() || e.failedAt().isAfter(released.get())).toList();
            if (doc.has(Node.QUARANTINED) || evidence.size() < failures) {
                return null;
            }
            log.warn("node {} quarantined: {} — it takes no new work until 'dirt nodes release {}'", verdict.node(),
                    verdict.reason(), verdict.node());
            return doc.with(Node.QUARANTINED, quarantineMark(verdict.reason(), evidence));
        });
    }

    private JsonObject quarantineMark(String reason, List<Quarantine.Evidence> found) {
        JsonArray evidence = new JsonArray(found.stream().<Json>map(e -> DocumentWriter.empty()
                .string("task", e.taskId()).string("name", e.taskName()).integer("attempt", e.attempt())
                .epochSeconds("failed", e.failedAt()).json("passed_on", JsonArray.ofStrings(e.passedOn())).build())
                .toList());
        return DocumentWriter.empty().string("reason", reason).epochSeconds("since", clock.instant())
                .json("evidence", evidence).build();
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
                            doc.get(Samples.FIELD), samples));
            boolean marked = doc.has(Node.DISK_FULL);
            Optional<String> full = Samples.diskFull(newest, minFreeDisk, marked);
            if (full.isPresent() && !marked) {
                log.warn("node {} takes no new work: {}", node, full.get());
                updated.json(Node.DISK_FULL, DocumentWriter.empty().string("reason", full.get())
                        .epochSeconds("since", clock.instant()).build());
            } else if (full.isEmpty() && marked) {
                log.info("node {} has free disk space again; it takes work", node);
                updated.remove(Node.DISK_FULL);
            }
            return updated.build();
        });
    }

    private void update(NodeName node, UnaryOperator<JsonObject> change) {
        try {
            store.update(NodeName.DOCUMENT_ID_PREFIX + node.value(), change);
        } catch (DirtException e) {
            log.warn("could not mark node {} on its document: {}", node, e.getMessage());
        }
    }
}
