package dirt.cli;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import dirt.json.PrettyJson;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show records and their tasks with their state: passed, failed, running or waiting.",
            "Without an id: the newest records with their counts. With a record id: the record and each of its tasks"
                    + " (node, start, duration, why it failed or waits). With a task id: that task.",
            "Exit code 6 when the id names no record or task."
        })
final class StatusCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RECORD|TASK", description = "A record id (e.g. r123) or a task id.")
    String id;

    @Option(names = "--json", description = "Print JSON: {\"records\": [...]}, or {\"record\": ..., \"tasks\": [...]}.")
    boolean json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "10",
            description = "Without an id: how many of the newest records (default: 10).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1 or more, got " + limit);
        }
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        try (var project = cli.database(settings)) {
            var lookup = new TaskLookup(project.store());
            var report = new StatusReport(Clock.systemDefaultZone());
            if (id == null) {
                List<JsonObject> records = lookup.recentRecords(limit);
                var rows = records.stream()
                        .map(record -> report.recordJson(record, lookup.tasksOf(Fields.text(record, "_id"))))
                        .toList();
                if (json) {
                    JsonObject out = JsonObject.builder().put("records", new JsonArray(List.<Json>copyOf(rows))).build();
                    cli.out().println(PrettyJson.text(out));
                } else {
                    report.printRecords(rows, cli.out());
                }
                return ExitCodes.OK;
            }
            Optional<Target> target = Target.resolve(lookup, id);
            if (target.isEmpty()) {
                cli.err().println("dirt: " + Target.notFound(id, project.name()));
                return ExitCodes.NOT_FOUND;
            }
            return show(cli, report, target.get(), target.get().tasks(lookup));
        }
    }

    private int show(CliContext cli, StatusReport report, Target target, List<JsonObject> tasks) {
        List<TaskLine> lines = tasks.stream().map(TaskLine::of).toList();
        if (json) {
            JsonObject.Builder out = JsonObject.builder();
            if (target.isTask()) {
                out.put("task", lines.isEmpty() ? JsonNull.NULL : lines.get(0).toJson());
            } else {
                out.put("record", report.recordJson(target.record().orElse(report.bareRecord(target.id())), tasks));
                out.put("tasks", new JsonArray(lines.stream().<Json>map(TaskLine::toJson).toList()));
            }
            cli.out().println(PrettyJson.text(out.build()));
        } else {
            report.printTarget(target, tasks, lines, cli.out());
        }
        return ExitCodes.OK;
    }
}
