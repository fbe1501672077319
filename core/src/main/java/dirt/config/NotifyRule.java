package dirt.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code [[notify.rule]]}: for tasks whose name matches the glob {@code task} ({@code *} any characters,
 * {@code ?} one), notify on these events instead of {@code [notify] on}.
 */
public record NotifyRule(String task, Set<NotifyEvent> on) {
    public NotifyRule {
        requireNonNull(task, "task is null");
        if (task.isBlank()) {
            throw new IllegalArgumentException("task is blank");
        }
        on = requireNonNull(on, "on is null").isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(on));
    }

    /** Whether {@code taskName} matches the {@link #task()} glob. */
    public boolean matches(String taskName) {
        requireNonNull(taskName, "taskName is null");
        StringBuilder regex = new StringBuilder();
        for (char c : task.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(regex.toString(), taskName);
    }
}
