package dirt.task;

import static java.util.Objects.requireNonNull;

import dirt.document.InvalidDocumentException;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How many tasks of a group (a record's, a schedule run's) are in each {@link TaskStatus}, and when the last one ended:
 * what {@code dirt status}, {@code dirt wait} and the scheduler need to know about a record.
 */
public record TaskTally(Map<TaskStatus, Integer> counts, Optional<Instant> lastCompleted) {
    public TaskTally {
        EnumMap<TaskStatus, Integer> copy = new EnumMap<>(TaskStatus.class);
        requireNonNull(counts, "counts is null").forEach((status, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("negative count for " + status + ": " + count);
            }
            if (count > 0) {
                copy.put(status, count);
            }
        });
        counts = Collections.unmodifiableMap(copy);
        requireNonNull(lastCompleted, "lastCompleted is null");
    }

    /** The tally of task documents; documents that are not valid tasks count by their raw fields (see {@link #statusOf}). */
    public static TaskTally ofDocuments(Collection<JsonObject> taskDocuments) {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        Instant last = null;
        for (JsonObject doc : taskDocuments) {
            TaskStatus status = statusOf(doc);
            counts.merge(status, 1, Integer::sum);
            Optional<Instant> completed = completedOf(doc);
            if (status.isCompleted() && completed.isPresent() && (last == null || completed.get().isAfter(last))) {
                last = completed.get();
            }
        }
        return new TaskTally(counts, Optional.ofNullable(last));
    }

    /**
     * The status of a task document: {@link Task#status()} when it is a valid task, otherwise from its raw fields as the
     * web site derives it ({@code completed} and {@code results.success}, else {@code started}), so that a malformed
     * task that serve marked failed counts as failed.
     */
    public static TaskStatus statusOf(JsonObject doc) {
        try {
            return Task.fromJson(doc).status();
        } catch (InvalidDocumentException e) {
            if (present(doc, "completed")) {
                boolean success = doc.object("results").flatMap(results -> results.bool("success")).orElse(false);
                return success ? TaskStatus.PASSED : TaskStatus.FAILED;
            }
            return present(doc, "started") ? TaskStatus.RUNNING : TaskStatus.WAITING;
        }
    }

    private static boolean present(JsonObject doc, String field) {
        return doc.get(field).filter(value -> value != JsonNull.NULL).isPresent();
    }

    private static Optional<Instant> completedOf(JsonObject doc) {
        Optional<JsonNumber> completed = doc.number("completed");
        if (completed.isEmpty()) {
            return Optional.empty();
        }
        long micros = Math.round(completed.get().doubleValue() * 1_000_000);
        return Optional.of(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                Math.floorMod(micros, 1_000_000) * 1_000L));
    }

    /** How many tasks have {@code status}. */
    public int count(TaskStatus status) {
        return counts.getOrDefault(status, 0);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many tasks have completed, passed or not. */
    public int done() {
        return counts.entrySet().stream().filter(e -> e.getKey().isCompleted()).mapToInt(Map.Entry::getValue).sum();
    }

    /** How many tasks completed without passing. */
    public int unsuccessful() {
        return done() - count(TaskStatus.PASSED);
    }

    /** Whether every task has completed (true for no tasks). */
    public boolean finished() {
        return done() == total();
    }

    /**
     * The state of the group as a whole: PASSED when every task passed, FAILED when every task completed and some
     * failed, CANCELLED when every task completed and the ones that did not pass were cancelled (neither passed nor
     * failed), WAITING when none has started, RUNNING otherwise; empty when there are no tasks.
     */
    public Optional<TaskStatus> overall() {
        if (total() == 0) {
            return Optional.empty();
        }
        if (finished()) {
            return Optional.of(count(TaskStatus.PASSED) == total() ? TaskStatus.PASSED
                    : count(TaskStatus.FAILED) > 0 ? TaskStatus.FAILED : TaskStatus.CANCELLED);
        }
        return Optional.of(count(TaskStatus.WAITING) == total() ? TaskStatus.WAITING : TaskStatus.RUNNING);
    }

    /** E.g. {@code 2 passed, 1 failed, 0 running, 1 waiting}, then any other status a task is in. */
    public String describe() {
        List<TaskStatus> order = new ArrayList<>(List.of(TaskStatus.PASSED, TaskStatus.FAILED, TaskStatus.RUNNING,
                TaskStatus.WAITING));
        for (TaskStatus status : TaskStatus.values()) {
            if (!order.contains(status) && count(status) > 0) {
                order.add(status);
            }
        }
        return order.stream().map(status -> count(status) + " " + status.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
