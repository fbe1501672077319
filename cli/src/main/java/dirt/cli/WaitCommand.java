package dirt.cli;

import dirt.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "wait",
        mixinStandardHelpOptions = true,
        description = {
            "Wait until every task of the given records (or the given tasks) has completed, for CI jobs and commit"
                    + " hooks: 'dirt post --record r125 ... && dirt wait r125'.",
            "Shows a progress bar on a terminal, a line per change otherwise. Tasks added to a record while waiting"
                    + " are waited for too.",
            "Exit code: 0 every task passed, 1 a task failed (each failure is printed), 5 not done within --timeout,"
                    + " 6 no record or task with that id."
        })
final class WaitCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RECORD|TASK", description = "Record ids (e.g. r123) or task ids.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Give up after this long and exit 5 (default: 3600).")
    long timeoutSeconds;

    @Option(names = "--no-progress", description = "Print plain lines even on a terminal.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        try (var project = cli.database(settings)) {
            var lookup = new TaskLookup(project.store());
            List<Target> targets = new ArrayList<>();
            for (String id : ids) {
                Optional<Target> target = Target.resolve(lookup, id);
                if (target.isEmpty()) {
                    cli.err().println("dirt: " + Target.notFound(id, project.name()));
                    return ExitCodes.NOT_FOUND;
                }
                targets.add(target.get());
            }
            Duration timeout = Duration.ofSeconds(Math.max(0, timeoutSeconds));
            var wait = new TaskWait(project.store());
            TaskWait.Outcome outcome;
            try (Progress progress = Progress.of(String.join(" ", ids), noProgress ? null : cli.terminal(),
                    cli.out())) {
                outcome = wait.await(() -> tasks(lookup, targets), progress, timeout);
            }
            if (outcome != TaskWait.Outcome.TIMED_OUT) {
                cli.out().printf("%s: %s%n", String.join(" ", ids),
                        wait.last().total() == 0 ? "no tasks" : wait.last().describe());
                cli.out().flush();
            }
            return TaskWait.report(cli, outcome, wait.last(), () -> tasks(lookup, targets), timeout);
        }
    }

    private static List<JsonObject> tasks(TaskLookup lookup, List<Target> targets) {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        targets.forEach(target -> target.tasks(lookup).forEach(doc -> byId.put(Fields.text(doc, "_id"), doc)));
        return List.copyOf(byId.values());
    }
}
