package dirt.retention;

import static java.util.Objects.requireNonNull;

import dirt.Bytes;
import dirt.config.RetentionSettings;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
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
    public JsonObject json() {
        JsonObject.Builder out = JsonObject.builder().put("at", at.toString()).put("dry_run", dryRun);
        out.put("settings", JsonObject.builder().put("keep_records", days(settings.keepRecords()))
                .put("keep_last_runs", settings.keepLastRuns()).put("keep_failed", days(settings.keepFailed()))
                .put("keep_passed_files", days(settings.keepPassedFiles())).build());
        out.put("looked_at", JsonObject.builder().put("records", records).put("tasks", tasks).build());
        out.put(dryRun ? "would_delete" : "deleted", JsonObject.builder().put("records", done.records())
                .put("tasks", done.tasks()).put("files", done.files()).put("file_bytes", done.fileBytes())
                .put("document_bytes", done.documentBytes())
                .put("record_ids", JsonArray.ofStrings(done.delete().stream().map(RecordSummary::id).toList()))
                .build());
        out.put(dryRun ? "would_remove_files" : "removed_files", JsonObject.builder()
                .put("tasks", done.dropFiles().size()).put("files", done.droppedFiles())
                .put("bytes", done.droppedFileBytes())
                .put("task_ids", JsonArray.ofStrings(done.dropFiles().stream().map(RunSummary::id).toList()))
                .build());
        JsonObject.Builder kept = JsonObject.builder();
        for (Kept reason : Kept.values()) {
            kept.put(reason.key(), plan.kept(reason));
        }
        out.put("kept", kept.build());
        out.put("skipped", JsonArray.ofStrings(skipped));
        out.put("compaction", new JsonArray(compaction.stream().<Json>map(c -> JsonObject.builder()
                .put("what", c.what()).put("outcome", c.outcome().name().toLowerCase(Locale.ROOT))
                .put("detail", c.detail()).build()).toList()));
        return out.build();
    }

    /** {@code 90d}, or {@code 36h} for a period that is not whole days. */
    static String days(Duration duration) {
        return duration.toHours() % 24 == 0 ? duration.toDays() + "d" : duration.toHours() + "h";
    }
}
