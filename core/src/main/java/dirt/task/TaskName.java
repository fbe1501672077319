package dirt.task;

import static java.util.Objects.requireNonNull;

/**
 * A task's {@code name}: the task to run, such as {@code examples.simple} or {@code compile_hello}, or, for a task
 * with a {@code command}, a label for that command. Many tasks share a name (one per record).
 */
public record TaskName(String value) {
    public TaskName {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("task name is blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
