package dirt.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The outcome of one document of a batch write: its new revision, or why it was not written. */
public record Written(String id, Optional<String> rev, Optional<String> problem) {
    public Written {
        requireNonNull(id, "id is null");
        requireNonNull(rev, "rev is null");
        requireNonNull(problem, "problem is null");
        if (rev.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a write has either a rev or a problem: id=" + id);
        }
    }

    public static Written ok(String id, String rev) {
        return new Written(id, Optional.of(rev), Optional.empty());
    }

    public static Written failed(String id, String problem) {
        return new Written(id, Optional.empty(), Optional.of(problem));
    }

    public boolean ok() {
        return rev.isPresent();
    }

    /** Not written because it exists or changed since it was read (another writer got there first). */
    public boolean conflict() {
        return problem.filter("conflict"::equals).isPresent();
    }
}
