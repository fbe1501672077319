package dirt.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dirt.json.JacksonBridge;
import dirt.store.Store;
import dirt.store.ViewEntry;
import dirt.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads records and their tasks as {@link RecordSummary}s from {@code _design/dirt-retention}, a page at a time. */
final class Summaries {
    /** Rows per request: each is about 300 bytes. */
    static final int PAGE = 5000;

    private final Store store;

    Summaries(Store store) {
        this.store = store;
    }

    /** Every record and every record id that tasks name, with their tasks, in record id order. */
    List<RecordSummary> all() {
        Map<String, Group> groups = new LinkedHashMap<>();
        store.viewEntries(RetentionViews.DESIGN, RetentionViews.BY_RECORD, PAGE, entry -> add(groups, entry));
        return groups.values().stream().map(Group::summary).toList();
    }

    /** The records {@code ids} as they stand now, those that have a document or tasks. */
    Map<String, RecordSummary> now(List<String> ids) {
        Map<String, Group> groups = new LinkedHashMap<>();
        store.viewEntries(RetentionViews.DESIGN, RetentionViews.BY_RECORD, ids).forEach(entry -> add(groups, entry));
        Map<String, RecordSummary> summaries = new LinkedHashMap<>();
        groups.forEach((id, group) -> summaries.put(id, group.summary()));
        return summaries;
    }

    private static void add(Map<String, Group> groups, ViewEntry entry) {
        String recordId = JacksonBridge.tree(entry.key()).asText();
        Group group = groups.computeIfAbsent(recordId, Group::new);
        JsonNode value = JacksonBridge.tree(entry.value());
        if (value.path("record").asBoolean(false)) {
            if (entry.id().equals(recordId)) {
                group.rev = Optional.of(value.path("rev").asText());
                group.created = time(value.path("created"));
                group.size = value.path("size").asLong(0);
            }
        } else {
            group.tasks.add(run(entry.id(), value));
        }
    }

    private static RunSummary run(String id, JsonNode value) {
        return new RunSummary(id, value.path("rev").asText(), value.path("name").asText(""),
                value.path("node_run").asBoolean(false), status(value.path("status").asText()),
                time(value.path("created")), time(value.path("completed")), Math.max(0, value.path("files").asInt(0)),
                Math.max(0, value.path("bytes").asLong(0)), value.path("files_pruned").asBoolean(false),
                Math.max(0, value.path("size").asLong(0)));
    }

    /** An unknown status counts as running: such a task is left alone. */
    private static TaskStatus status(String word) {
        try {
            return TaskStatus.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TaskStatus.RUNNING;
        }
    }

    private static Optional<Instant> time(JsonNode seconds) {
        if (!seconds.isNumber()) {
            return Optional.empty();
        }
        long millis = Math.round(seconds.asDouble() * 1000);
        return Optional.of(Instant.ofEpochMilli(millis));
    }

    private static final class Group {
        private final String id;
        private Optional<String> rev = Optional.empty();
        private Optional<Instant> created = Optional.empty();
        private long size;
        private final List<RunSummary> tasks = new ArrayList<>();

        Group(String id) {
            this.id = id;
        }

        RecordSummary summary() {
            return new RecordSummary(id, rev, created, size, tasks);
        }
    }
}
