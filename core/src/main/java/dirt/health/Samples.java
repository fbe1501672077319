package dirt.health;

import static java.util.Objects.requireNonNull;

import dirt.Bytes;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.math.BigDecimal;
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
        public static Optional<Sample> fromAgent(JsonObject answer, Instant at) {
            Sample sample = new Sample(at, answer.number("load").map(JsonNumber::doubleValue).orElse(null),
                    bytes(answer, "mem_total"), bytes(answer, "mem_available"), bytes(answer, "disk_free"),
                    bytes(answer, "disk_total"), workDir(answer));
            boolean empty = sample.load == null && sample.memAvailable == null && sample.diskFree == null;
            return empty ? Optional.empty() : Optional.of(sample);
        }

        private static Long bytes(JsonObject answer, String field) {
            return answer.number(field).map(number -> number.value().longValue()).filter(value -> value >= 0)
                    .orElse(null);
        }

        /** The {@code work_dir} as text: a string's value, another scalar's JSON, "" when absent, null or a container. */
        private static String workDir(JsonObject answer) {
            Json value = answer.get("work_dir").orElse(JsonNull.NULL);
            if (value instanceof JsonString text) {
                return text.value();
            }
            return value instanceof JsonNumber || value instanceof JsonBoolean ? value.toString() : "";
        }
    }

    /**
     * {@code resources} with {@code samples} merged in by time, oldest first, the oldest dropped past {@link #KEPT}. A
     * sample less than {@link #CLOSE} from one the document has (another server's) is left out, so that servers
     * sharing a node do not thicken its series.
     */
    public static JsonObject append(Optional<Json> resources, List<Sample> samples) {
        Sample last = samples.get(samples.size() - 1);
        JsonObject.Builder updated = JsonObject.builder();
        updated.put("work_dir", last.workDir());
        putBytes(updated, "mem_total", last.memTotal());
        putBytes(updated, "disk_total", last.diskTotal());
        List<Json> merged = new ArrayList<>();
        resources.filter(JsonObject.class::isInstance).flatMap(object -> ((JsonObject) object).array("samples"))
                .ifPresent(old -> merged.addAll(old.values()));
        for (Sample sample : samples) {
            long at = sample.at().getEpochSecond();
            boolean close = merged.stream().anyMatch(old -> Math.abs(at(old) - at) < CLOSE.toSeconds());
            if (!close) {
                merged.add(entry(sample));
            }
        }
        merged.sort(Comparator.comparingLong(Samples::at));
        updated.put("samples", new JsonArray(merged.subList(Math.max(0, merged.size() - KEPT), merged.size())));
        return updated.build();
    }

    /** A kept entry's time, {@code [at, …]}; 0 when it has none. */
    private static long at(Json entry) {
        return entry instanceof JsonArray array && !array.isEmpty() && array.get(0) instanceof JsonNumber number
                ? number.value().longValue() : 0;
    }

    private static JsonArray entry(Sample sample) {
        Json load = sample.load() == null ? JsonNull.NULL
                : JsonNumber.of(BigDecimal.valueOf(Math.round(sample.load() * 100) / 100.0));
        return JsonArray.of(JsonNumber.of(sample.at().getEpochSecond()), load, bytes(sample.memAvailable()),
                bytes(sample.diskFree()));
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

    private static void putBytes(JsonObject.Builder json, String field, Long value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static Json bytes(Long value) {
        return value == null ? JsonNull.NULL : JsonNumber.of(value);
    }
}
