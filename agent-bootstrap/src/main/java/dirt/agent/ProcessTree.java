package dirt.agent;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ends a command (or a Java task's worker JVM) and everything it started. A process is part of the command when it
 * descends from the command's shell, or (on Linux, read from {@code /proc/PID/environ}) when its environment holds the
 * run's marker variable: that finds the background processes a command left behind, which the system hands to another
 * parent when the shell exits (as Jenkins finds a build's processes by its {@code BUILD_ID}).
 */
final class ProcessTree {
    /** How long processes get to end after SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final int KILL_ROUNDS = 3;
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Path PROC = Path.of("/proc");

    private final List<String> markers;
    private final Optional<NewPids.Mark> since;

    /**
     * @param marker {@code NAME=value}, set in the command's environment and unique to the run
     * @param since a moment before the command started: only processes started after it are looked at
     */
    ProcessTree(String marker, Optional<NewPids.Mark> since) {
        this.markers = List.of(marker);
        this.since = since;
    }

    /** @param markers {@code NAME=value} each: a process with any of them in its environment is a member */
    ProcessTree(List<String> markers) {
        this.markers = List.copyOf(markers);
        this.since = Optional.empty();
    }

    /**
     * Ends {@code root}, its descendants and every process with the marker: SIGTERM, then SIGKILL for those still
     * alive after {@link #GRACE}, repeated for processes started meanwhile.
     */
    void kill(ProcessHandle root) {
        kill(root, true);
    }

    /**
     * Ends the descendants of {@code root} and every process with a marker, but not {@code root} itself: what a task
     * left behind in a worker JVM that runs on.
     */
    void killBelow(ProcessHandle root) {
        kill(root, false);
    }

    private void kill(ProcessHandle root, boolean withRoot) {
        Set<ProcessHandle> members = members(root, withRoot);
        if (members.isEmpty()) {
            return;
        }
        members.forEach(ProcessHandle::destroy);
        awaitExit(members, GRACE);
        for (int round = 0; round < KILL_ROUNDS; round++) {
            Set<ProcessHandle> alive = members(root, withRoot);
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            awaitExit(alive, Duration.ofSeconds(1));
        }
    }

    /** The live processes of the command: {@code root}, its descendants, and the processes with the marker. */
    Set<ProcessHandle> members(ProcessHandle root) {
        return members(root, true);
    }

    private Set<ProcessHandle> members(ProcessHandle root, boolean withRoot) {
        // The root first: a shell whose child is ended before it would go on to its next command.
        Set<ProcessHandle> members = new LinkedHashSet<>();
        if (root.isAlive()) {
            members.add(root);
        }
        if (!Files.isDirectory(PROC)) {
            root.descendants().forEach(members::add);
        } else {
            List<Long> candidates = NewPids.since(since);
            Set<Long> tree = descendants(root.pid(), candidates);
            for (long pid : candidates) {
                if (tree.contains(pid) || marked(pid)) {
                    ProcessHandle.of(pid).ifPresent(members::add);
                }
            }
        }
        members.remove(ProcessHandle.current());
        if (!withRoot) {
            members.remove(root);
        }
        members.removeIf(ProcessTree::ended);
        return members;
    }

    /** The ids among {@code candidates} that descend from {@code root}, from their parents in {@code /proc}. */
    private static Set<Long> descendants(long root, List<Long> candidates) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (long pid : candidates) {
            parentOf(pid).ifPresent(parent -> children.computeIfAbsent(parent, key -> new ArrayList<>()).add(pid));
        }
        Set<Long> tree = new LinkedHashSet<>();
        Deque<Long> open = new ArrayDeque<>(List.of(root));
        while (!open.isEmpty()) {
            for (long child : children.getOrDefault(open.pop(), List.of())) {
                if (tree.add(child)) {
                    open.push(child);
                }
            }
        }
        return tree;
    }

    private static Optional<Long> parentOf(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), ISO_8859_1);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            return Optional.of(Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the process's environment holds a marker; false for another user's process or one that is gone. */
    private boolean marked(long pid) {
        try {
            byte[] environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
            for (String marker : markers) {
                if (contains(environ, (marker + "\0").getBytes(US_ASCII))) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static boolean contains(byte[] environ, byte[] wanted) {
        outer:
        for (int start = 0; start + wanted.length <= environ.length; start++) {
            if (start > 0 && environ[start - 1] != 0) {
                continue;
            }
            for (int i = 0; i < wanted.length; i++) {
                if (environ[start + i] != wanted[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Waits until every one of {@code processes} has ended, at most {@code timeout}. */
    private static void awaitExit(Set<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!processes.stream().allMatch(ProcessTree::ended) && System.nanoTime() < deadline) {
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether {@code process} has ended: it is gone, or a zombie (Java counts those as alive, and an orphan stays one
     * until init collects it, which in a container may take seconds).
     */
    static boolean ended(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"), ISO_8859_1);
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }
}
