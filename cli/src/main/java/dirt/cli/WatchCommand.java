package dirt.cli;

import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.store.ChangeToken;
import dirt.store.StoreChange;
import dirt.task.Task;
import dirt.task.TaskStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Print a line whenever a task changes state, as it happens: time, state, task, record, node, task id.",
            "Follows the database's changes feed from now on (or from the beginning with --since-start) until"
                    + " Ctrl-C."
        })
final class WatchCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "RECORD", description = "Only tasks of these records.")
    List<String> records = List.of();

    @Option(names = "--since-start", description = "Start at the beginning of the feed: the latest state of every task"
            + " first, then the changes.")
    boolean sinceStart;

    @Option(names = "--json", description = "One JSON object per line (time, status, id, name, record_id, node, ...).")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, TaskStatus> seen = new HashMap<>();

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        Clock clock = Clock.systemDefaultZone();
        Set<String> only = new HashSet<>(records);
        try (var project = cli.database(settings)) {
            var store = project.store();
            ChangeToken since = sinceStart ? ChangeToken.BEGINNING : store.now();
            cli.err().printf("dirt: watching tasks in database \"%s\" at %s; Ctrl-C stops%n", project.name(),
                    project.displayUrl());
            cli.err().flush();
            var feed = store.follow(since, change -> onChange(change, only, cli.out(), clock));
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                feed.close();
            }
        }
        return ExitCodes.OK;
    }

    private void onChange(StoreChange change, Set<String> only, PrintWriter out, Clock clock) {
        JsonObject doc = change.document().orElse(null);
        if (change.deleted() || doc == null || !Task.TYPE.equals(Fields.text(doc, "type"))) {
            return;
        }
        TaskLine line = TaskLine.of(doc);
        if (!only.isEmpty() && !only.contains(line.recordId()) || seen.put(line.id(), line.status()) == line.status()) {
            return;
        }
        var now = clock.instant();
        var time = line.status() == TaskStatus.WAITING && !sinceStart ? now : line.since().orElse(now);
        if (json) {
            out.println(Json.write(line.toJson().with("time", time.toString())));
        } else {
            out.printf("%s  %-7s  %s  %s  %s  %s%n", Times.local(time, clock.getZone()), line.word(), line.name(),
                    line.recordId(), line.node().orElse("-"), line.id());
        }
        out.flush();
    }
}
