package dirt.cli;

import dirt.document.Problem;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.PrettyJson;
import dirt.schedule.Schedule;
import dirt.schedule.ScheduleState;
import dirt.task.TaskTally;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        description = {
            "List the schedules: name, when they fire, their next run, and their last run's record and status.",
            "Schedules come from [[schedule]] sections of settings.toml (written into the database by 'dirt serve')"
                    + " or from schedule documents posted to the database; 'dirt serve' fires them."
        })
final class SchedulesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON: {\"schedules\": [...]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        try (var project = cli.database(settings)) {
            var store = project.store();
            var lookup = new TaskLookup(store);
            List<JsonObject> docs = store.withIdPrefix(Schedule.ID_PREFIX).stream()
                    .filter(doc -> doc.string("type").filter(Schedule.TYPE::equals).isPresent()).toList();
            List<JsonObject> rows = new ArrayList<>();
            docs.forEach(doc -> rows.add(row(doc, lookup).build()));
            var installed = docs.stream().map(doc -> Fields.text(doc, "name")).collect(Collectors.toSet());
            settings.schedules().stream().filter(s -> !installed.contains(s.name()))
                    .forEach(s -> rows.add(row(s.json(), lookup).put("installed", false).build()));
            if (json) {
                JsonObject out = JsonObject.builder().put("schedules", new JsonArray(List.<Json>copyOf(rows))).build();
                cli.out().println(PrettyJson.text(out));
            } else {
                print(cli, rows, Clock.systemDefaultZone());
            }
        }
        return ExitCodes.OK;
    }

    /** One schedule as JSON; the last run's status is read from its tasks, so it is current without serve too. */
    private static JsonObject.Builder row(JsonObject doc, TaskLookup lookup) {
        JsonObject.Builder row = JsonObject.builder().put("name", Fields.text(doc, "name",
                Fields.text(doc, "_id").substring(Schedule.ID_PREFIX.length())));
        List<Problem> problems = Schedule.validate(doc);
        if (!problems.isEmpty()) {
            row.put("enabled", false).put("problems", problems.stream().map(Problem::describe)
                    .collect(Collectors.joining("; ")));
            return row;
        }
        Schedule schedule = Schedule.fromJson(doc);
        ScheduleState state = schedule.state();
        row.put("when", schedule.trigger().describe()).put("enabled", schedule.enabled())
                .put("overlap", Schedule.word(schedule.overlap())).put("missed", Schedule.word(schedule.missed()));
        put(row, "next_run", state.nextRun());
        put(row, "queued", state.queued());
        put(row, "last_run", state.lastRun());
        put(row, "last_fired", state.lastFired());
        state.lastRecord().ifPresent(record -> {
            row.put("last_record", record);
            Optional<String> live = TaskTally.ofDocuments(lookup.tasksOf(record)).overall().map(TaskLine::word);
            live.or(state::lastStatus).ifPresent(status -> row.put("last_status", status));
        });
        state.lastSkipped().ifPresent(skipped -> row.put("last_skipped", JsonObject.builder()
                .put("run", skipped.run().toString()).put("reason", skipped.reason()).build()));
        doc.string("source").ifPresent(source -> row.put("source", source));
        return row;
    }

    private static void put(JsonObject.Builder row, String field, Optional<Instant> time) {
        time.ifPresent(t -> row.put(field, t.toString()));
    }

    private static void print(CliContext cli, List<JsonObject> rows, Clock clock) {
        if (rows.isEmpty()) {
            cli.out().println("No schedules yet: add a [[schedule]] section to settings.toml (see the one there) and"
                    + " run 'dirt serve'.");
            return;
        }
        Table table = new Table("NAME", "WHEN", "ENABLED", "NEXT RUN", "LAST RECORD", "LAST STATUS");
        for (var row : rows) {
            String next = row.has("next_run") ? Times.local(Instant.parse(Fields.text(row, "next_run")),
                    clock.getZone()) : !Fields.bool(row, "enabled") ? ""
                    : row.has("last_record") ? "after the last run ends" : "once 'dirt serve' runs";
            if (row.has("installed")) {
                next = "in settings.toml; 'dirt serve' installs it";
            }
            if (row.has("problems")) {
                next = "invalid: " + Fields.text(row, "problems");
            }
            table.row(Fields.text(row, "name"), Fields.text(row, "when", ""),
                    Fields.bool(row, "enabled") ? "yes" : "no", next, Fields.text(row, "last_record", ""),
                    Fields.text(row, "last_status", ""));
        }
        table.print(cli.out());
    }
}
