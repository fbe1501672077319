package dirt.retention;

import static java.util.Objects.requireNonNull;

import dirt.config.RetentionSettings;
import dirt.document.DocumentWriter;
import dirt.json.JsonObject;
import dirt.schedule.Schedule;
import dirt.store.Compaction;
import dirt.store.Store;
import dirt.store.DocumentRefusedException;
import dirt.store.UnauthorizedException;
import dirt.store.Written;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes one database by {@link Retention}: reads every record and task from {@code _design/dirt-retention}, decides,
 * then deletes the records that go with their tasks ({@code _bulk_docs}, at most {@link #BATCH} documents a request,
 * each record read again just before so that one that got a new task or changed meanwhile is left for the next
 * time), removes the files of the passed runs that lose them (a new revision without {@code _attachments}, with
 * {@code files_pruned}: when, how many files, how many bytes), and asks the server to compact. Deleting takes a dirt
 * server (or an admin); compacting an admin, and a server that refuses or lacks it is reported, not an error.
 */
public final class Pruner {
    private static final Logger log = LoggerFactory.getLogger(Pruner.class);
    /** Documents deleted per {@code _bulk_docs}. */
    static final int BATCH = 500;
    /** Tasks whose files are removed per request (each is read whole, results included). */
    static final int FILES_BATCH = 100;
    private static final String PROBE_ID = "dirt-delete-probe";

    private final Store store;
    private final RetentionSettings settings;
    private final Clock clock;
    private final Summaries summaries;

    public Pruner(Store store, RetentionSettings settings, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.summaries = new Summaries(store);
    }

    /** Installs or updates {@code _design/dirt-retention}; returns whether it wrote. Takes a database admin. */
    public static boolean installViews(Store store) {
        return store.ensureDocument(designDocument());
    }

    /** {@code _design/dirt-retention}, the views pruning reads. */
    public static JsonObject designDocument() {
        return RetentionViews.designDocument();
    }

    /** Decides and, unless {@code dryRun}, deletes, removes files and asks for compaction. */
    public PruneReport prune(boolean dryRun) {
        ensureViews();
        if (!dryRun) {
            requireDeletePermission();
        }
        Instant now = clock.instant();
        List<RecordSummary> records = summaries.all();
        Plan plan = new Retention(settings).decide(records, scheduleLastRecords(), now);
        int tasks = records.stream().mapToInt(record -> record.tasks().size()).sum();
        if (dryRun) {
            return new PruneReport(now, true, settings, records.size(), tasks, plan, plan, List.of(), List.of());
        }
        List<String> skipped = new ArrayList<>();
        List<RecordSummary> deleted = delete(plan.delete(), skipped);
        List<RunSummary> stripped = dropFiles(plan.dropFiles(), now, skipped);
        Plan done = new Plan(deleted, stripped, plan.kept());
        List<Compaction> compaction = done.isEmpty() ? List.of() : store.compact();
        log.info("pruned: {} record(s), {} task(s) deleted, the files of {} passed run(s) removed, {} skipped",
                done.records(), done.tasks(), stripped.size(), skipped.size());
        return new PruneReport(now, false, settings, records.size(), tasks, plan, done, skipped, compaction);
    }

    private void ensureViews() {
        try {
            installViews(store);
        } catch (UnauthorizedException | DocumentRefusedException e) {
            throw new RetentionException("cannot install the view pruning reads (_design/" + RetentionViews.DESIGN
                    + "), which takes a database admin: run 'dirt push' once as one, then prune again — "
                    + e.getMessage());
        }
    }

    /** Deletes a document that does not exist, as validate_doc_update sees a deletion: only a server may. */
    private void requireDeletePermission() {
        JsonObject probe = JsonObject.builder().put("_id", PROBE_ID).put("_deleted", true).build();
        Optional<String> refused;
        try {
            Written written = store.putAll(List.of(probe)).get(0);
            refused = written.ok() || written.conflict() ? Optional.empty() : written.problem();
        } catch (UnauthorizedException e) {
            refused = Optional.of(e.getMessage());
        }
        refused.ifPresent(reason -> {
            throw new RetentionException("pruning deletes documents, which only a dirt server may do: reason=\""
                    + reason + "\" — run it as a user with the role dirt_server (or a database admin), e.g. with"
                    + " --couch http://USER:PASSWORD@HOST:5984, or set [couch] user and password");
        });
    }

    /** The records that are the last run of a schedule (its {@code last_record}): the scheduler reads them. */
    private Set<String> scheduleLastRecords() {
        return store.withIdPrefix(Schedule.ID_PREFIX).stream()
                .filter(doc -> doc.string("type").filter(Schedule.TYPE::equals).isPresent())
                .flatMap(doc -> doc.string("last_record").stream()).collect(Collectors.toSet());
    }

    /** Deletes the records in batches; returns what went, as summaries of the documents deleted. */
    private List<RecordSummary> delete(List<RecordSummary> records, List<String> skipped) {
        List<RecordSummary> deleted = new ArrayList<>();
        List<RecordSummary> batch = new ArrayList<>();
        int documents = 0;
        for (RecordSummary record : records) {
            if (!batch.isEmpty() && documents + record.documents() > BATCH) {
                deleted.addAll(deleteBatch(batch, skipped));
                batch.clear();
                documents = 0;
            }
            batch.add(record);
            documents += record.documents();
        }
        if (!batch.isEmpty()) {
            deleted.addAll(deleteBatch(batch, skipped));
        }
        return deleted;
    }

    private List<RecordSummary> deleteBatch(List<RecordSummary> batch, List<String> skipped) {
        List<RecordSummary> unchanged = unchanged(batch, skipped);
        List<JsonObject> tombstones = new ArrayList<>();
        for (RecordSummary record : unchanged) {
            record.tasks().forEach(task -> tombstones.add(tombstone(task.id(), task.rev())));
            record.rev().ifPresent(rev -> tombstones.add(tombstone(record.id(), rev)));
        }
        Set<String> gone = new HashSet<>();
        for (int from = 0; from < tombstones.size(); from += BATCH) {
            for (Written written : store.putAll(
                    tombstones.subList(from, Math.min(tombstones.size(), from + BATCH)))) {
                if (written.ok()) {
                    gone.add(written.id());
                } else {
                    log.warn("could not delete {}: {}; left for the next prune", written.id(),
                            written.problem().orElse("?"));
                    skipped.add(written.id());
                }
            }
        }
        return unchanged.stream().map(record -> new RecordSummary(record.id(),
                record.rev().filter(rev -> gone.contains(record.id())), record.created(), record.size(),
                record.tasks().stream().filter(task -> gone.contains(task.id())).toList())).toList();
    }

    /** The records of the batch as they were read, read again now; one that changed meanwhile is skipped. */
    private List<RecordSummary> unchanged(List<RecordSummary> batch, List<String> skipped) {
        Map<String, RecordSummary> current = summaries.now(batch.stream().map(RecordSummary::id).toList());
        List<RecordSummary> unchanged = new ArrayList<>();
        for (RecordSummary planned : batch) {
            if (planned.equals(current.get(planned.id()))) {
                unchanged.add(planned);
            } else {
                skipped.add(planned.id());
            }
        }
        return unchanged;
    }

    private static JsonObject tombstone(String id, String rev) {
        return JsonObject.builder().put("_id", id).put("_rev", rev).put("_deleted", true).build();
    }

    /** Removes the files of passed runs, keeping every other field; a task that changed since it was read waits. */
    private List<RunSummary> dropFiles(List<RunSummary> runs, Instant now, List<String> skipped) {
        List<RunSummary> stripped = new ArrayList<>();
        for (int from = 0; from < runs.size(); from += FILES_BATCH) {
            List<RunSummary> batch = runs.subList(from, Math.min(runs.size(), from + FILES_BATCH));
            Map<String, JsonObject> current = store.getAll(batch.stream().map(RunSummary::id).toList());
            List<JsonObject> writes = new ArrayList<>();
            List<RunSummary> written = new ArrayList<>();
            for (RunSummary run : batch) {
                JsonObject doc = current.get(run.id());
                if (doc == null || !doc.rev().equals(Optional.of(run.rev()))) {
                    skipped.add(run.id());
                    continue;
                }
                JsonObject pruned = DocumentWriter.copyOf(JsonObject.builder().put("files", run.files())
                        .put("bytes", run.fileBytes()).build()).epochSeconds("at", now).build();
                writes.add(doc.toBuilder().remove("_attachments").put("files_pruned", pruned).build());
                written.add(run);
            }
            List<Written> outcomes = store.putAll(writes);
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i).ok()) {
                    stripped.add(written.get(i));
                } else {
                    skipped.add(outcomes.get(i).id());
                }
            }
        }
        return stripped;
    }
}
