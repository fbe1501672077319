package dirt.health;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A node's recent resources, as its document's {@code resources} keeps them: {@code work_dir} (the agent's work
 * folder), {@code mem_total} and {@code disk_total} (bytes), and {@code samples}, the last {@link #KEPT} of
 * {@code [at, load, mem_available, disk_free]} (seconds since the epoch, the 1-minute load average, bytes, bytes;
 * {@code null} where the node does not say), oldest first. One document per node, however long serve runs, and
 * written every few minutes, not per sample ({@code serve.NodeHealth}).
 */
public final class Samples {
    public static final String FIELD = "resources";
    /** An hour of samples taken every 30 s. */
    public static final int KEPT = 120;
    /** Two samples closer than this are one too many. */
    static final Duration CLOSE = Duration.ofSeconds(15);

    private Samples() {
    }

    /** One sample of a node's resources, as its agent's {@code sample} answered. */
    public record Sample(Instant at, Double load, Long memTotal, Long memAvailable, Long diskFree, Long diskTotal,
            String workDir) {
        public Sample {
            requireNonNull(at, "at is null");
            requireNonNull(workDir, "workDir is null");
        }

        /** The agent's answer read as a sample; empty when it has none of the figures. */
        public static Optional<Sample> fromAgent(JsonNode answer, Instant at) {
            Sample sample = new Sample(at, number(answer, "load").map(Number::doubleValue).orElse(null),
                    bytes(answer, "mem_total"), bytes(answer, "mem_available"), bytes(answer, "disk_free"),
                    bytes(answer, "disk_total"), answer.path("work_dir").asText(""));
            boolean empty = sample.load == null && sample.memAvailable == null && sample.diskFree == null;
            return empty ? Optional.empty() : Optional.of(sample);
        }

        private static Long bytes(JsonNode answer, String field) {
            return number(answer, field).map(Number::longValue).filter(value -> value >= 0).orElse(null);
        }

        private static Optional<Number> number(JsonNode answer, String field) {
            JsonNode value = answer.path(field);
            return value.isNumber() ? Optional.of(value.numberValue()) : Optional.empty();
        }
    }

    /**
     * {@code resources} with {@code samples} merged in by time, oldest first, the oldest dropped past {@link #KEPT}. A
     * sample less than {@link #CLOSE} from one the document has (another server's) is left out, so that servers
     * sharing a node do not thicken its series.
     */
    public static ObjectNode append(JsonNode resources, List<Sample> samples) {
        Sample last = samples.get(samples.size() - 1);
        ObjectNode updated = JsonNodeFactory.instance.objectNode();
        updated.put("work_dir", last.workDir());
        putBytes(updated, "mem_total", last.memTotal());
        putBytes(updated, "disk_total", last.diskTotal());
        List<JsonNode> merged = new ArrayList<>();
        if (resources.path("samples").isArray()) {
            resources.get("samples").forEach(merged::add);
        }
        for (Sample sample : samples) {
            long at = sample.at().getEpochSecond();
            boolean close = merged.stream().anyMatch(old -> Math.abs(old.path(0).asLong() - at) < CLOSE.toSeconds());
            if (!close) {
                merged.add(entry(sample));
            }
        }
        merged.sort(Comparator.comparingLong(entry -> entry.path(0).asLong()));
        ArrayNode kept = updated.putArray("samples");
        merged.subList(Math.max(0, merged.size() - KEPT), merged.size()).forEach(kept::add);
        return updated;
    }

    private static ArrayNode entry(Sample sample) {
        ArrayNode entry = JsonNodeFactory.instance.arrayNode();
        entry.add(sample.at().getEpochSecond());
        if (sample.load() == null) {
            entry.addNull();
        } else {
            entry.add(Math.round(sample.load() * 100) / 100.0);
        }
        putBytes(entry, sample.memAvailable());
        putBytes(entry, sample.diskFree());
        return entry;
    }

    /**
     * Why a node with this sample takes no new work: its work folder has less than {@code minFree} bytes free. A node
     * already marked full ({@code markedFull}) stays so until it has 10 % more than that, so that a disk near the line
     * does not flip the mark (and every server's placement) with each sample.
     */
    public static Optional<String> diskFull(Sample sample, long minFree, boolean markedFull) {
        long line = markedFull ? minFree + minFree / 10 : minFree;
        if (sample.diskFree() == null || sample.diskFree() >= line) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "disk full: %s free in %s, under the %s that [serve]"
                + " min_free_disk_bytes asks for", Bytes.human(sample.diskFree()),
                sample.workDir().isEmpty() ? "its work folder" : sample.workDir(), Bytes.human(minFree)));
    }

    private static void putBytes(ObjectNode json, String field, Long value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void putBytes(ArrayNode json, Long value) {
        if (value == null) {
            json.addNull();
        } else {
            json.add(value);
        }
    }
}
