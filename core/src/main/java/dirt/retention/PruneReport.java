package dirt.retention;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.Bytes;
import dirt.config.RetentionSettings;
import dirt.store.Compaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one prune found and did. {@code done} is what was deleted and removed: the plan itself for a dry run (which
 * writes nothing), else what the database took. {@code skipped}: records and tasks that changed while pruning and
 * were left for the next time; {@code compaction}: what the server was asked to reclaim.
 */
public record PruneReport(Instant at, boolean dryRun, RetentionSettings settings, int records, int tasks, Plan plan,
        Plan done, List<String> skipped, List<Compaction> compaction) {
    public PruneReport {
        requireNonNull(at, "at is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(done, "done is null");
        skipped = List.copyOf(requireNonNull(skipped, "skipped is null"));
        compaction = List.copyOf(requireNonNull(compaction, "compaction is null"));
    }

    /** The summary {@code dirt prune} prints, a line each, e.g. {@code deleted: 12 records, 30 tasks, ...}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "[retention] keep_records = \"%s\", keep_last_runs = %d, keep_failed ="
                        + " \"%s\", keep_passed_files = \"%s\"", days(settings.keepRecords()), settings.keepLastRuns(),
                days(settings.keepFailed()), days(settings.keepPassedFiles())));
        lines.add(String.format(Locale.ROOT, "looked at %d record(s) with %d task(s)", records, tasks));
        lines.add(String.format(Locale.ROOT, "%s %d record(s) with %d task(s): %d file(s), %s of files and %s of"
                        + " documents", dryRun ? "would delete" : "deleted", done.records(), done.tasks(),
                done.files(), Bytes.human(done.fileBytes()), Bytes.human(done.documentBytes())));
        lines.add(String.format(Locale.ROOT, "%s the files of %d passed run(s): %d file(s), %s; their results stay",
                dryRun ? "would remove" : "removed", done.dropFiles().size(), done.droppedFiles(),
                Bytes.human(done.droppedFileBytes())));
        for (Kept reason : Kept.values()) {
            if (plan.kept(reason) > 0) {
                lines.add(String.format(Locale.ROOT, "kept %d record(s) %s", plan.kept(reason), reason.description()));
            }
        }
        if (!skipped.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "skipped %d that changed meanwhile, left for the next prune: %s",
                    skipped.size(), String.join(", ", skipped.subList(0, Math.min(10, skipped.size())))
                            + (skipped.size() > 10 ? ", ..." : "")));
        }
        compaction.forEach(c -> lines.add("compaction: " + c.describe()));
        return lines;
    }

    /** {@code dirt prune --json}, and what serve's daily run writes onto {@code retention:daily}. */
    public ObjectNode toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode out = json.objectNode().put("at", at.toString()).put("dry_run", dryRun);
        out.putObject("settings").put("keep_records", days(settings.keepRecords()))
                .put("keep_last_runs", settings.keepLastRuns()).put("keep_failed", days(settings.keepFailed()))
                .put("keep_passed_files", days(settings.keepPassedFiles()));
        out.putObject("looked_at").put("records", records).put("tasks", tasks);
        ObjectNode deleted = out.putObject(dryRun ? "would_delete" : "deleted").put("records", done.records())
                .put("tasks", done.tasks()).put("files", done.files()).put("file_bytes", done.fileBytes())
                .put("document_bytes", done.documentBytes());
        ArrayNode ids = deleted.putArray("record_ids");
        done.delete().forEach(record -> ids.add(record.id()));
        ObjectNode files = out.putObject(dryRun ? "would_remove_files" : "removed_files")
                .put("tasks", done.dropFiles().size()).put("files", done.droppedFiles())
                .put("bytes", done.droppedFileBytes());
        ArrayNode taskIds = files.putArray("task_ids");
        done.dropFiles().forEach(task -> taskIds.add(task.id()));
        ObjectNode kept = out.putObject("kept");
        for (Kept reason : Kept.values()) {
            kept.put(reason.key(), plan.kept(reason));
        }
        ArrayNode skippedIds = out.putArray("skipped");
        skipped.forEach(skippedIds::add);
        ArrayNode compacted = out.putArray("compaction");
        compaction.forEach(c -> compacted.addObject().put("what", c.what())
                .put("outcome", c.outcome().name().toLowerCase(Locale.ROOT)).put("detail", c.detail()));
        return out;
    }

    /** {@code 90d}, or {@code 36h} for a period that is not whole days. */
    static String days(Duration duration) {
        return duration.toHours() % 24 == 0 ? duration.toDays() + "d" : duration.toHours() + "h";
    }
}
