package dirt.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of one document of a batch write: its new revision, or why it was not written: the store's
 * {@code error} ({@code conflict}, {@code forbidden}, ...) and the {@code reason} it gave, if any.
 */
public record Written(String id, Optional<String> rev, Optional<String> error, Optional<String> reason) {
    public Written {
        requireNonNull(id, "id is null");
        requireNonNull(rev, "rev is null");
        requireNonNull(error, "error is null");
        requireNonNull(reason, "reason is null");
        if (rev.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("a write has either a rev or an error: id=" + id);
        }
    }

    public static Written ok(String id, String rev) {
        return new Written(id, Optional.of(rev), Optional.empty(), Optional.empty());
    }

    /** Not written for {@code error}; {@code reason} may be null. */
    public static Written failed(String id, String error, String reason) {
        return new Written(id, Optional.empty(), Optional.of(error), Optional.ofNullable(reason));
    }

    public boolean ok() {
        return rev.isPresent();
    }

    /** Not written because it exists or changed since it was read (another writer got there first). */
    public boolean conflict() {
        return error.filter("conflict"::equals).isPresent();
    }

    /** Why it was not written, for messages: {@code conflict}, or the error and the reason ({@code forbidden: ...}). */
    public Optional<String> problem() {
        return error.map(e -> conflict() || reason.isEmpty() ? e : e + ": " + reason.get());
    }
}
