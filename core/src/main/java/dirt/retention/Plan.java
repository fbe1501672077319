package dirt.retention;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What retention decided: the records to delete (each with all its tasks), the passed runs whose files go (their
 * results stay), and how many records stay for each reason.
 */
public record Plan(List<RecordSummary> delete, List<RunSummary> dropFiles, Map<Kept, Integer> kept) {
    public Plan {
        delete = List.copyOf(requireNonNull(delete, "delete is null"));
        dropFiles = List.copyOf(requireNonNull(dropFiles, "dropFiles is null"));
        EnumMap<Kept, Integer> copy = new EnumMap<>(Kept.class);
        copy.putAll(requireNonNull(kept, "kept is null"));
        kept = Collections.unmodifiableMap(copy);
    }

    /** Whether there is nothing to delete and no files to remove. */
    public boolean isEmpty() {
        return delete.isEmpty() && dropFiles.isEmpty();
    }

    /** How many records stay for {@code reason}. */
    public int kept(Kept reason) {
        return kept.getOrDefault(reason, 0);
    }

    /** The record documents deleted (a record whose tasks came without one has none). */
    public int records() {
        return (int) delete.stream().filter(record -> record.rev().isPresent()).count();
    }

    public int tasks() {
        return delete.stream().mapToInt(record -> record.tasks().size()).sum();
    }

    /** The files of the deleted tasks. */
    public int files() {
        return delete.stream().flatMap(record -> record.tasks().stream()).mapToInt(RunSummary::files).sum();
    }

    public long fileBytes() {
        return delete.stream().flatMap(record -> record.tasks().stream()).mapToLong(RunSummary::fileBytes).sum();
    }

    /** About how many bytes of JSON the deleted documents hold. */
    public long documentBytes() {
        return delete.stream().mapToLong(record -> record.size()
                + record.tasks().stream().mapToLong(RunSummary::size).sum()).sum();
    }

    /** The files removed from passed runs that stay. */
    public int droppedFiles() {
        return dropFiles.stream().mapToInt(RunSummary::files).sum();
    }

    public long droppedFileBytes() {
        return dropFiles.stream().mapToLong(RunSummary::fileBytes).sum();
    }
}
