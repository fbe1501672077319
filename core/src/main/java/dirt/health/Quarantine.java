package dirt.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the node that is the problem: one that fails tasks which pass on other nodes. A failed try of a task on node
 * N counts against N when a task of the same name passed on another node within the window (before or after the
 * failure) and none of that name passed on N after it; {@code failures} such failures within the window quarantine
 * N. A task that fails on every node counts against none of them: that is the task's fault. A node that passes
 * other work (a broken compiler still runs {@code echo}) is not cleared by it. A node already quarantined is not
 * judged again until it is released; failures before its release are forgotten.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class Quarantine {
    /** A try that ended on a node: passed or failed. {@code taskId} and {@code attempt} make it count once. */
    public record Outcome(String node, String taskName, String taskId, int attempt, boolean passed, Instant at) {
        public Outcome {
            requireNonNull(node, "node is null");
            requireNonNull(taskName, "taskName is null");
            requireNonNull(taskId, "taskId is null");
            requireNonNull(at, "at is null");
        }
    }

    /** One failure that counts: the task, when it failed here, and the nodes where its name passed. */
    public record Evidence(String taskId, String taskName, int attempt, Instant failedAt, List<String> passedOn) {
        public Evidence {
            passedOn = List.copyOf(passedOn);
        }
    }

    /** A node to quarantine, why, and the failures that show it. */
    public record Verdict(String node, String reason, List<Evidence> evidence) {
        public Verdict {
            evidence = List.copyOf(evidence);
        }
    }

    private final int failures;
    private final Duration window;
    /** Each node's failed tries within the window, in the order seen. */
    private final Map<String, Deque<Outcome>> failed = new HashMap<>();
    /** Per task name, per node, its last pass within the window. */
    private final Map<String, Map<String, Instant>> passed = new HashMap<>();
    /** The tries counted, with when each ended, so that each counts once. */
    private final Map<String, Instant> counted = new HashMap<>();
    private final Map<String, Instant> forgetBefore = new HashMap<>();
    private final Set<String> quarantined = new HashSet<>();
    private Instant prunedAt = Instant.EPOCH;

    /** @param failures how many failures quarantine a node; 0 never quarantines */
    public Quarantine(int failures, Duration window) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative, got " + failures);
        }
        this.failures = failures;
        this.window = requireNonNull(window, "window is null");
    }

    /**
     * Takes one outcome (each try counts once, however often it is seen) and returns the nodes it makes quarantined
     * now, if any; {@code now} bounds the window.
     */
    public List<Verdict> seen(Outcome outcome, Instant now) {
        Instant start = now.minus(window);
        forgetOlderThan(start);
        if (failures == 0 || outcome.at().isBefore(start)
                || counted.putIfAbsent(outcome.taskId() + "#" + outcome.attempt(), outcome.at()) != null) {
            return List.of();
        }
        Set<String> suspects = new TreeSet<>();
        if (outcome.passed()) {
            passed.computeIfAbsent(outcome.taskName(), name -> new HashMap<>())
                    .merge(outcome.node(), outcome.at(), Quarantine::later);
            failed.forEach((node, list) -> {
                if (list.stream().anyMatch(failure -> failure.taskName().equals(outcome.taskName()))) {
                    suspects.add(node);
                }
            });
        } else {
            failed.computeIfAbsent(outcome.node(), node -> new ArrayDeque<>()).addLast(outcome);
            suspects.add(outcome.node());
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (String node : suspects) {
            judge(node).ifPresent(verdict -> {
                quarantined.add(node);
                verdicts.add(verdict);
            });
        }
        return verdicts;
    }

    /**
     * What the node's document says: quarantined or not, and when it was last released. A release forgets the node's
     * failures before it.
     */
    public void nodeState(String node, boolean isQuarantined, Optional<Instant> released) {
        if (isQuarantined) {
            quarantined.add(node);
        } else {
            quarantined.remove(node);
        }
        released.ifPresent(at -> forgetBefore.merge(node, at, Quarantine::later));
    }

    private Optional<Verdict> judge(String node) {
        if (quarantined.contains(node)) {
            return Optional.empty();
        }
        Instant released = forgetBefore.get(node);
        List<Evidence> evidence = new ArrayList<>();
        for (Outcome failure : failed.getOrDefault(node, new ArrayDeque<>())) {
            Map<String, Instant> passes = passed.getOrDefault(failure.taskName(), Map.of());
            Instant passedHere = passes.get(node);
            if (released != null && !failure.at().isAfter(released)
                    || passedHere != null && passedHere.isAfter(failure.at())) {
                continue;
            }
            Set<String> passedOn = new TreeSet<>(passes.keySet());
            passedOn.remove(node);
            if (!passedOn.isEmpty()) {
                evidence.add(new Evidence(failure.taskId(), failure.taskName(), failure.attempt(), failure.at(),
                        List.copyOf(passedOn)));
            }
        }
        if (failures == 0 || evidence.size() < failures) {
            return Optional.empty();
        }
        Set<String> names = new TreeSet<>();
        evidence.forEach(e -> names.add(e.taskName()));
        String reason = String.format("failed %d tries of %s within %s that passed on other nodes",
                evidence.size(), String.join(", ", names), describe(window));
        return Optional.of(new Verdict(node, reason, evidence));
    }

    /** Drops what fell out of the window; at most once a second, so that a busy farm does not pay for it per try. */
    private void forgetOlderThan(Instant start) {
        if (start.isBefore(prunedAt.plusSeconds(1))) {
            return;
        }
        prunedAt = start;
        failed.values().forEach(list -> {
            while (!list.isEmpty() && list.peekFirst().at().isBefore(start)) {
                list.removeFirst();
            }
        });
        failed.values().removeIf(Deque::isEmpty);
        passed.values().forEach(byNode -> byNode.values().removeIf(at -> at.isBefore(start)));
        passed.values().removeIf(Map::isEmpty);
        counted.values().removeIf(at -> at.isBefore(start));
    }

    /** Forgets a node that was removed. */
    public void forget(String node) {
        failed.remove(node);
        forgetBefore.remove(node);
        quarantined.remove(node);
    }

    /** {@code 10 min}, {@code 1 h}, {@code 45 s}. */
    static String describe(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
