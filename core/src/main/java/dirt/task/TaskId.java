package dirt.task;

import static java.util.Objects.requireNonNull;

/** The CouchDB {@code _id} of a task document. */
public record TaskId(String value) {
    public TaskId {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("task id is blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
