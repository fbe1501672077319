package dirt.retention;

import static java.util.Objects.requireNonNull;

import dirt.config.RetentionSettings;
import dirt.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The retention rule, without I/O: given every record with its tasks, the records that are the last run of a
 * schedule, and the time now, what goes. A record is left whole when a task of it waits or runs, or it is a schedule's
 * last run, or nothing on it carries a time. Otherwise it stays while it holds one of the last {@code keep_last_runs}
 * runs (passed or failed) of a task name, or is younger than {@code keep_records}, or has a failed task and is younger
 * than {@code keep_failed}, its age counted from the newest of its {@code created} and its tasks' {@code created} and
 * {@code completed}; else it goes with all its tasks. Of the records that stay, a passed run that ended
 * {@code keep_passed_files} ago loses its files, unless it is one of the last runs of its name.
 */
public final class Retention {
    private static final Comparator<RunSummary> NEWEST_FIRST = Comparator
            .comparing((RunSummary run) -> run.created().orElse(Instant.MIN)).reversed()
            .thenComparing(Comparator.comparing((RunSummary run) -> run.completed().orElse(Instant.MIN)).reversed())
            .thenComparing(RunSummary::id);

    private final RetentionSettings settings;

    public Retention(RetentionSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    public Plan decide(List<RecordSummary> records, Set<String> scheduleLastRecords, Instant now) {
        Set<String> lastRuns = lastRuns(records);
        List<RecordSummary> delete = new ArrayList<>();
        List<RunSummary> dropFiles = new ArrayList<>();
        Map<Kept, Integer> kept = new EnumMap<>(Kept.class);
        for (RecordSummary record : records) {
            Optional<Kept> reason = keeps(record, scheduleLastRecords, lastRuns, now);
            if (reason.isEmpty()) {
                delete.add(record);
                continue;
            }
            kept.merge(reason.get(), 1, Integer::sum);
            if (reason.get() != Kept.UNFINISHED && reason.get() != Kept.SCHEDULE_LAST
                    && reason.get() != Kept.UNDATED) {
                record.tasks().stream().filter(task -> filesGo(task, lastRuns, now)).forEach(dropFiles::add);
            }
        }
        return new Plan(delete, dropFiles, kept);
    }

    private Optional<Kept> keeps(RecordSummary record, Set<String> scheduleLastRecords, Set<String> lastRuns,
            Instant now) {
        if (record.tasks().stream().anyMatch(task -> !task.status().isCompleted())) {
            return Optional.of(Kept.UNFINISHED);
        }
        if (scheduleLastRecords.contains(record.id())) {
            return Optional.of(Kept.SCHEDULE_LAST);
        }
        Optional<Instant> last = record.lastActivity();
        if (last.isEmpty()) {
            return Optional.of(Kept.UNDATED);
        }
        if (record.tasks().stream().anyMatch(task -> lastRuns.contains(task.id()))) {
            return Optional.of(Kept.LAST_RUNS);
        }
        if (last.get().plus(settings.keepRecords()).isAfter(now)) {
            return Optional.of(Kept.RECENT);
        }
        boolean failed = record.tasks().stream().anyMatch(task -> task.status() == TaskStatus.FAILED);
        if (failed && last.get().plus(settings.keepFailed()).isAfter(now)) {
            return Optional.of(Kept.FAILED);
        }
        return Optional.empty();
    }

    private boolean filesGo(RunSummary task, Set<String> lastRuns, Instant now) {
        return task.status() == TaskStatus.PASSED && task.files() > 0 && !task.filesPruned()
                && !lastRuns.contains(task.id()) && task.completed().isPresent()
                && !task.completed().get().plus(settings.keepPassedFiles()).isAfter(now);
    }

    /** The ids of the newest {@code keep_last_runs} tasks of each name that passed or failed (node runs aside). */
    private Set<String> lastRuns(List<RecordSummary> records) {
        Map<String, List<RunSummary>> byName = new HashMap<>();
        for (RecordSummary record : records) {
            for (RunSummary task : record.tasks()) {
                if (!task.nodeRun() && (task.status() == TaskStatus.PASSED || task.status() == TaskStatus.FAILED)) {
                    byName.computeIfAbsent(task.name(), name -> new ArrayList<>()).add(task);
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (List<RunSummary> runs : byName.values()) {
            runs.sort(NEWEST_FIRST);
            runs.stream().limit(settings.keepLastRuns()).map(RunSummary::id).forEach(ids::add);
        }
        return ids;
    }
}
