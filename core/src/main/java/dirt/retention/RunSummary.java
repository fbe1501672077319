package dirt.retention;

import static java.util.Objects.requireNonNull;

import dirt.task.TaskStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * One task document as retention sees it: its revision, name and status, its times, how many files (attachments) it
 * holds and their bytes, whether retention already removed them ({@code files_pruned}), and about how large its JSON
 * is. {@code nodeRun}: a broadcast's run on one node ({@code parent} set), which goes and stays with its record and
 * is not a run of its name of its own.
 */
public record RunSummary(String id, String rev, String name, boolean nodeRun, TaskStatus status,
        Optional<Instant> created, Optional<Instant> completed, int files, long fileBytes, boolean filesPruned,
        long size) {
    public RunSummary {
        requireNonNull(id, "id is null");
        requireNonNull(rev, "rev is null");
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(created, "created is null");
        requireNonNull(completed, "completed is null");
        if (files < 0 || fileBytes < 0 || size < 0) {
            throw new IllegalArgumentException("negative count: files=" + files + " fileBytes=" + fileBytes + " size="
                    + size + " id=" + id);
        }
    }
}
