package dirt.retention;

import dirt.json.Json;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
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
        String recordId = entry.key() instanceof JsonString key ? key.value() : "";
        Group group = groups.computeIfAbsent(recordId, Group::new);
        JsonObject value = entry.value() instanceof JsonObject object ? object : JsonObject.EMPTY;
        if (value.bool("record").orElse(false)) {
            if (entry.id().equals(recordId)) {
                group.rev = Optional.of(value.string("rev").orElse(""));
                group.created = time(value.get("created"));
                group.size = whole(value, "size");
            }
        } else {
            group.tasks.add(run(entry.id(), value));
        }
    }

    private static RunSummary run(String id, JsonObject value) {
        return new RunSummary(id, value.string("rev").orElse(""), value.string("name").orElse(""),
                value.bool("node_run").orElse(false), status(value.string("status").orElse("")),
                time(value.get("created")), time(value.get("completed")),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, whole(value, "files"))),
                Math.max(0, whole(value, "bytes")), value.bool("files_pruned").orElse(false),
                Math.max(0, whole(value, "size")));
    }

    /** A count the view emits, truncated to a whole number; 0 when missing or not a number. */
    private static long whole(JsonObject value, String field) {
        return value.number(field).map(number -> (long) number.doubleValue()).orElse(0L);
    }

    /** An unknown status counts as running: such a task is left alone. */
    private static TaskStatus status(String word) {
        try {
            return TaskStatus.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TaskStatus.RUNNING;
        }
    }

    private static Optional<Instant> time(Optional<Json> seconds) {
        if (seconds.isEmpty() || !(seconds.get() instanceof JsonNumber number)) {
            return Optional.empty();
        }
        long millis = Math.round(number.doubleValue() * 1000);
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
