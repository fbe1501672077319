package dirt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.Problem;
import dirt.json.JacksonBridge;
import dirt.schedule.Schedule;
import dirt.schedule.ScheduleState;
import dirt.task.TaskTally;
import java.time.Clock;
import java.time.Instant;
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
            List<ObjectNode> docs = store.withIdPrefix(Schedule.ID_PREFIX).stream()
                    .filter(doc -> doc.string("type").filter(Schedule.TYPE::equals).isPresent())
                    .map(JacksonBridge::tree).toList();
            ArrayNode rows = JsonNodeFactory.instance.arrayNode();
            docs.forEach(doc -> rows.add(row(doc, lookup)));
            var installed = docs.stream().map(doc -> doc.path("name").asText()).collect(Collectors.toSet());
            settings.schedules().stream().filter(s -> !installed.contains(s.name()))
                    .forEach(s -> rows.add(row(s.toJson(), lookup).put("installed", false)));
            if (json) {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                out.set("schedules", rows);
                cli.out().println(out.toPrettyString());
            } else {
                print(cli, rows, Clock.systemDefaultZone());
            }
        }
        return ExitCodes.OK;
    }

    /** One schedule as JSON; the last run's status is read from its tasks, so it is current without serve too. */
    private static ObjectNode row(ObjectNode doc, TaskLookup lookup) {
        ObjectNode row = JsonNodeFactory.instance.objectNode().put("name", doc.path("name").asText(
                doc.path("_id").asText().substring(Schedule.ID_PREFIX.length())));
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
            Optional<String> live = TaskTally.of(lookup.tasksOf(record)).overall().map(TaskLine::word);
            live.or(state::lastStatus).ifPresent(status -> row.put("last_status", status));
        });
        state.lastSkipped().ifPresent(skipped -> row.putObject("last_skipped").put("run", skipped.run().toString())
                .put("reason", skipped.reason()));
        if (doc.path("source").isTextual()) {
            row.put("source", doc.path("source").asText());
        }
        return row;
    }

    private static void put(ObjectNode row, String field, Optional<Instant> time) {
        time.ifPresent(t -> row.put(field, t.toString()));
    }

    private static void print(CliContext cli, ArrayNode rows, Clock clock) {
        if (rows.isEmpty()) {
            cli.out().println("No schedules yet: add a [[schedule]] section to settings.toml (see the one there) and"
                    + " run 'dirt serve'.");
            return;
        }
        Table table = new Table("NAME", "WHEN", "ENABLED", "NEXT RUN", "LAST RECORD", "LAST STATUS");
        for (var row : rows) {
            String next = row.has("next_run") ? Times.local(Instant.parse(row.path("next_run").asText()),
                    clock.getZone()) : !row.path("enabled").asBoolean() ? ""
                    : row.has("last_record") ? "after the last run ends" : "once 'dirt serve' runs";
            if (row.has("installed")) {
                next = "in settings.toml; 'dirt serve' installs it";
            }
            if (row.has("problems")) {
                next = "invalid: " + row.path("problems").asText();
            }
            table.row(row.path("name").asText(), row.path("when").asText(""),
                    row.path("enabled").asBoolean() ? "yes" : "no", next, row.path("last_record").asText(""),
                    row.path("last_status").asText(""));
        }
        table.print(cli.out());
    }
}
