package dirt.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * What really ran on the nodes: command tasks run a script that appends {@code start ID NODE PID NANOS} and
 * {@code end ID NODE PID NANOS} lines to one log file (short lines through {@code >>}, so each is one O_APPEND write),
 * {@code end ... stopped} when the run is ended by SIGTERM. While it runs, a run holds {@code flock} on a lock file
 * named after its task (inherited by its children, so released only when the last process of the run is gone); a run
 * that finds the lock taken writes {@code overlap ...}: another run of the same task is still alive. The node's name
 * comes from {@code RUNLOG_NODE} in the agent's environment.
 */
final class RunLog {
    private final Path log;
    private final Path script;

    private RunLog(Path log, Path script) {
        this.log = log;
        this.script = script;
    }

    /** Writes the task script into {@code dir}; each run sleeps {@code sleep} (as {@code sleep(1)} reads it). */
    static RunLog in(Path dir, String sleep) {
        Path log = dir.resolve("runlog");
        Path locks = dir.resolve("runlog-locks");
        Path script = dir.resolve("runlog-task.sh");
        String text = String.join("\n",
                "# one run of a logged task: start and end lines in the run log, the task's lock held while it runs",
                "log='" + log + "'",
                "node=${RUNLOG_NODE:-unknown}",
                "exec 9>>'" + locks + "'/\"$DIRT_TASK_ID\"",
                "flock -n 9 || echo \"overlap $DIRT_TASK_ID $node $$ $(date +%s%N)\" >> \"$log\"",
                "echo \"start $DIRT_TASK_ID $node $$ $(date +%s%N)\" >> \"$log\"",
                "trap 'echo \"end $DIRT_TASK_ID $node $$ $(date +%s%N) stopped\" >> \"$log\"; exit 143' TERM",
                "sleep " + sleep,
                "echo \"end $DIRT_TASK_ID $node $$ $(date +%s%N)\" >> \"$log\"",
                "");
        try {
            Files.createDirectories(locks);
            Files.writeString(script, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunLog(log, script);
    }

    /** The command of a logged task. */
    String command() {
        return "sh '" + script + "'";
    }

    /** One run of a task; {@code ended} false when the log has no end line for it (it then lasts to the log's end). */
    record Run(String task, String node, String pid, long start, long end, boolean ended, boolean stopped) {
        boolean overlaps(Run other) {
            return start < other.end && other.start < end;
        }
    }

    /** What the log says, parsed once. */
    record Report(List<Run> runs, List<String> lockOverlaps) {
        /** Tasks with more than one run, with their number of runs. */
        Map<String, Long> tasksRunMoreThanOnce() {
            return runs.stream().collect(Collectors.groupingBy(Run::task, TreeMap::new, Collectors.counting()))
                    .entrySet().stream().filter(entry -> entry.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        }

        /** Pairs of runs of one task that overlap in time, described. */
        List<String> overlappingRuns() {
            List<String> found = new ArrayList<>();
            Map<String, List<Run>> byTask = runs.stream().collect(Collectors.groupingBy(Run::task));
            byTask.values().forEach(list -> {
                for (int i = 0; i < list.size(); i++) {
                    for (int j = i + 1; j < list.size(); j++) {
                        if (list.get(i).overlaps(list.get(j))) {
                            found.add(list.get(i) + " and " + list.get(j));
                        }
                    }
                }
            });
            return found;
        }

        /** The most runs at once on each node. */
        Map<String, Integer> mostAtOnceByNode() {
            Map<String, Integer> most = new TreeMap<>();
            runs.stream().collect(Collectors.groupingBy(Run::node)).forEach((node, list) ->
                    most.put(node, mostAtOnce(list)));
            return most;
        }

        long unended() {
            return runs.stream().filter(run -> !run.ended()).count();
        }

        long stopped() {
            return runs.stream().filter(Run::stopped).count();
        }
    }

    /** Parses the log; a run without an end line is taken to last until the last time in the log. */
    Report read() {
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, long[]> open = new LinkedHashMap<>();
        Map<String, String[]> openParts = new HashMap<>();
        List<Run> runs = new ArrayList<>();
        List<String> overlaps = new ArrayList<>();
        long last = 0;
        for (String line : lines) {
            String[] parts = line.split(" ");
            long at = Long.parseLong(parts[4]);
            last = Math.max(last, at);
            String key = parts[1] + " " + parts[2] + " " + parts[3];
            switch (parts[0]) {
                case "overlap" -> overlaps.add(line);
                case "start" -> {
                    open.put(key, new long[] {at});
                    openParts.put(key, parts);
                }
                case "end" -> {
                    long[] start = open.remove(key);
                    if (start == null) {
                        throw new IllegalStateException("run log: an end without a start: " + line);
                    }
                    runs.add(new Run(parts[1], parts[2], parts[3], start[0], at, true, parts.length > 5));
                }
                default -> throw new IllegalStateException("run log: unknown line: " + line);
            }
        }
        for (Map.Entry<String, long[]> entry : open.entrySet()) {
            String[] parts = openParts.get(entry.getKey());
            runs.add(new Run(parts[1], parts[2], parts[3], entry.getValue()[0], last, false, false));
        }
        runs.sort(Comparator.comparingLong(Run::start));
        return new Report(List.copyOf(runs), List.copyOf(overlaps));
    }

    private static int mostAtOnce(List<Run> runs) {
        return mostAtOnce(runs, Run::start, Run::end);
    }

    /** The most runs under way at one time, from each run's start and end. */
    static <R> int mostAtOnce(List<R> runs, ToLongFunction<R> start, ToLongFunction<R> end) {
        List<long[]> events = new ArrayList<>();
        runs.forEach(run -> {
            events.add(new long[] {start.applyAsLong(run), 1});
            events.add(new long[] {end.applyAsLong(run), -1});
        });
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (long[] event : events) {
            now += (int) event[1];
            most = Math.max(most, now);
        }
        return most;
    }
}
