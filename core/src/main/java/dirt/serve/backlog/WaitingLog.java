package dirt.serve.backlog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log lines for one round's new reasons to wait. A few tasks get a line each ({@code t1 (build) waits: REASON});
 * tasks that wait for the same reason beyond {@link #EACH} get one line with their number and the first ids, so that a
 * farm that posts 100,000 tasks no node can run yet logs a line per reason, not per task. Each task's own reason is
 * on its document ({@code waiting}) and the site. No I/O.
 */
public final class WaitingLog {
    /** Up to this many tasks with one reason get a line each. */
    static final int EACH = 3;
    /** How many ids a line about many tasks names. */
    static final int NAMED = 3;

    /** A task's new reason to wait. */
    public record Waits(String id, String name, String reason) {
        public Waits {
            requireNonNull(id, "id is null");
            requireNonNull(name, "name is null");
            requireNonNull(reason, "reason is null");
        }
    }

    private WaitingLog() {
    }

    /** The lines to log, in the order the reasons first came up. */
    public static List<String> lines(List<Waits> waiting) {
        Map<String, List<Waits>> byReason = new LinkedHashMap<>();
        for (Waits waits : waiting) {
            byReason.computeIfAbsent(waits.reason(), reason -> new ArrayList<>()).add(waits);
        }
        List<String> lines = new ArrayList<>();
        byReason.forEach((reason, tasks) -> {
            if (tasks.size() <= EACH) {
                tasks.forEach(task -> lines.add(task.id() + " (" + task.name() + ") waits: " + reason));
            } else {
                lines.add(tasks.size() + " tasks wait: " + reason + " — " + named(tasks));
            }
        });
        return lines;
    }

    private static String named(List<Waits> tasks) {
        List<String> names = tasks.subList(0, NAMED).stream().map(task -> task.id() + " (" + task.name() + ")").toList();
        return String.join(", ", names) + " and " + (tasks.size() - NAMED) + " more";
    }
}
