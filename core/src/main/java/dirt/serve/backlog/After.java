package dirt.serve.backlog;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.task.TaskTally;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a task's {@code after} allows, judged from the tasks of its record as they are stored. Each entry names tasks
 * of the same record, by {@code name} (every task of that name) or {@code _id}. The task runs once every one of them
 * passed; it is skipped when one of them ended without passing; it fails when it is part of a cycle, which would
 * never start (naming its own {@code _id} is a cycle of one). No I/O.
 */
public final class After {
    /** A task of the record, as far as dependencies care. */
    public record Sibling(String id, String name, Status status, List<String> after, String node, String reason) {
        public Sibling {
            requireNonNull(id, "id is null");
            requireNonNull(name, "name is null");
            requireNonNull(status, "status is null");
            after = List.copyOf(after);
        }

        static Sibling of(JsonObject doc) {
            List<String> after = new ArrayList<>();
            for (Json entry : doc.array("after").orElse(JsonArray.EMPTY)) {
                if (entry instanceof JsonString text) {
                    after.add(text.value());
                }
            }
            return new Sibling(doc.id().orElse(""), doc.string("name").orElse(""), Status.of(doc), after,
                    doc.string("on_node").or(() -> doc.string("node")).orElse(""),
                    doc.object("results").flatMap(results -> results.string("reason")).orElse(""));
        }
    }

    public enum Status {
        WAITING, RUNNING, PASSED, FAILED, CANCELLED, SKIPPED;

        /** The task's status as everywhere else ({@link TaskTally#statusOf}), a skipped one told from a failed one. */
        static Status of(JsonObject doc) {
            return switch (TaskTally.statusOf(doc)) {
                case WAITING -> WAITING;
                case RUNNING -> RUNNING;
                case PASSED -> PASSED;
                case CANCELLED -> CANCELLED;
                case FAILED -> doc.object("results").flatMap(results -> results.bool("skipped")).orElse(false)
                        ? SKIPPED : FAILED;
            };
        }

        boolean endedWithoutPassing() {
            return this == FAILED || this == CANCELLED || this == SKIPPED;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the task may do now. */
    public sealed interface Verdict permits Ready, Waits, Ends {}

    /** Every task it comes after passed. */
    public record Ready() implements Verdict {}

    /** Some have not ended yet, or ({@code missing}) match no task of the record yet. */
    public record Waits(String reason, List<String> missing) implements Verdict {}

    /** It will never run: skipped (a task it comes after ended without passing) or failed (a cycle). */
    public record Ends(String reason, boolean skipped) implements Verdict {}

    private After() {
    }

    static Verdict judge(String id, List<String> after, List<Sibling> record) {
        Map<String, Sibling> byId = new HashMap<>();
        record.forEach(sibling -> byId.put(sibling.id(), sibling));
        if (namesItself(id, after, byId)) {
            return new Ends("cycle: " + id + " → " + id + " — the task waits for itself; post it again without its"
                    + " own _id in \"after\"", false);
        }
        Optional<List<String>> cycle = cycle(id, after, byId);
        if (cycle.isPresent()) {
            return new Ends("cycle: " + String.join(" → ", cycle.get()) + " — these tasks each wait for the next;"
                    + " post them again without the loop in their \"after\"", false);
        }
        List<String> waiting = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String entry : after) {
            List<Sibling> matches = matches(entry, id, byId);
            if (matches.isEmpty()) {
                missing.add(entry);
                continue;
            }
            for (Sibling match : matches) {
                if (match.status().endedWithoutPassing()) {
                    return new Ends("not run: " + entry + (entry.equals(match.id()) ? "" : " (" + match.id() + ")")
                            + " " + match.status(), true);
                }
            }
            if (matches.stream().anyMatch(match -> match.status() != Status.PASSED)) {
                waiting.add(entry);
            }
        }
        if (!missing.isEmpty()) {
            List<String> all = new ArrayList<>(waiting);
            all.addAll(missing);
            return new Waits("waiting for " + String.join(", ", all) + " (no task of the record matches "
                    + String.join(", ", missing) + " yet)", missing);
        }
        return waiting.isEmpty() ? new Ready() : new Waits("waiting for " + String.join(", ", waiting), List.of());
    }

    /**
     * Whether an entry is the task's own {@code _id}: a loop of one, which would never start. Not when the entry is
     * also the task's own name, which names the other tasks of that name.
     */
    private static boolean namesItself(String self, List<String> after, Map<String, Sibling> byId) {
        Optional<String> ownName = Optional.ofNullable(byId.get(self)).map(Sibling::name);
        return after.contains(self) && !ownName.filter(self::equals).isPresent();
    }

    /** The tasks an entry names: by _id, or every task of that name; never the task itself. */
    private static List<Sibling> matches(String entry, String self, Map<String, Sibling> byId) {
        List<Sibling> matches = new ArrayList<>();
        for (Sibling sibling : byId.values()) {
            if (!sibling.id().equals(self) && (sibling.id().equals(entry) || sibling.name().equals(entry))) {
                matches.add(sibling);
            }
        }
        matches.sort((a, b) -> a.id().compareTo(b.id()));
        return matches;
    }

    /** The ids of a loop back to {@code self} through the tasks it comes after, if there is one. */
    private static Optional<List<String>> cycle(String self, List<String> after, Map<String, Sibling> byId) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String entry : after) {
            for (Sibling match : matches(entry, self, byId)) {
                if (seen.add(match.id())) {
                    cameFrom.put(match.id(), self);
                    queue.add(match.id());
                }
            }
        }
        while (!queue.isEmpty()) {
            String current = queue.poll();
            Sibling sibling = byId.get(current);
            for (String entry : sibling.after()) {
                for (Sibling next : matches(entry, current, byId)) {
                    if (next.id().equals(self)) {
                        List<String> loop = new ArrayList<>();
                        for (String at = current; !at.equals(self); at = cameFrom.get(at)) {
                            loop.add(0, at);
                        }
                        loop.add(0, self);
                        loop.add(self);
                        return Optional.of(loop);
                    }
                    if (seen.add(next.id())) {
                        cameFrom.put(next.id(), current);
                        queue.add(next.id());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
