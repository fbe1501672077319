package dirt.config;

import dirt.document.Problem;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.schedule.Missed;
import dirt.schedule.Overlap;
import dirt.schedule.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code [[schedule]]} sections, each with its {@code [[schedule.task]]} sections, turned into schedule documents
 * and checked the way {@code dirt serve} checks schedule documents, every problem reported against its section:
 *
 * <pre>
 * [[schedule]]
 * name = "nightly"
 * crontime = "0 2 * * *"      # or: frequency = 600, or "10m"
 * description = "nightly build"
 * [[schedule.task]]
 * name = "examples.simple"
 * </pre>
 */
final class ScheduleTables {
    private static final Pattern TASK_FIELD = Pattern.compile("tasks\\[(\\d+)\\]\\.(.+)");

    private ScheduleTables() {}

    static List<Schedule> parse(List<TomlTable> tables) {
        List<Schedule> schedules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (TomlTable table : tables) {
            Optional<String> name = table.string("name");
            if (name.isEmpty() && !table.has("name")) {
                table.problem("name", "missing — name the schedule, e.g. name = \"nightly\"");
            } else if (name.isPresent() && !names.add(name.get())) {
                table.problem("name", "\"" + name.get() + "\" names another [[schedule]] too — names must differ");
            }
            schedule(table, name).ifPresent(schedules::add);
        }
        return schedules;
    }

    /**
     * The section as a schedule document, validated as serve validates one. A value with a problem of its own (a
     * wrong type, a missing name) is replaced by a placeholder so that it is reported once; the caller throws when there
     * are problems, so placeholders never escape.
     */
    private static Optional<Schedule> schedule(TomlTable table, Optional<String> name) {
        String named = name.orElse("placeholder");
        JsonObject.Builder doc = JsonObject.builder().put("_id", Schedule.ID_PREFIX + named).put("type", Schedule.TYPE)
                .put("name", named);
        Optional<String> crontime = table.string("crontime");
        if (table.has("crontime")) {
            doc.put("crontime", crontime.orElse("* * * * *"));
        }
        Optional<Duration> frequency = table.seconds("frequency");
        if (table.has("frequency")) {
            doc.put("frequency", frequency.map(Duration::toSeconds).orElse(1L));
        }
        table.string("timezone").ifPresent(zone -> doc.put("timezone", zone));
        doc.put("enabled", table.bool("enabled").orElse(true));
        doc.put("overlap", Schedule.word(table.choice("overlap", Overlap.class).orElse(Schedule.DEFAULT_OVERLAP)));
        doc.put("missed", Schedule.word(table.choice("missed", Missed.class).orElse(Schedule.DEFAULT_MISSED)));
        JsonObject.Builder record = JsonObject.builder();
        table.string("description").ifPresent(description -> record.put("description", description));
        doc.put("record", record.build());
        List<TomlTable> taskTables = table.tableArray("task");
        doc.put("tasks", new JsonArray(taskTables.stream().<Json>map(ScheduleTables::task).toList()));
        if (taskTables.isEmpty()) {
            table.problem("task", "missing — add the tasks each run creates as [[schedule.task]] sections after it,"
                    + " e.g. [[schedule.task]] name = \"examples.simple\"");
        }
        JsonObject document = doc.build();
        List<Problem> problems = Schedule.validate(document);
        problems.forEach(problem -> report(table, taskTables, problem));
        return problems.isEmpty() ? Optional.of(Schedule.fromJson(document)) : Optional.empty();
    }

    private static JsonObject task(TomlTable table) {
        Optional<String> name = table.string("name");
        if (!table.has("name")) {
            table.problem("name", "missing — set it to the task to run, e.g. \"examples.simple\", or to a label for"
                    + " the command");
        }
        JsonObject.Builder task = JsonObject.builder().put("name", name.orElse("placeholder"));
        table.string("command").ifPresent(command -> task.put("command", command));
        table.object("kwargs").ifPresent(kwargs -> task.put("kwargs", kwargs));
        table.strings("requires").ifPresent(lines -> task.put("requires", JsonArray.ofStrings(lines)));
        table.strings("after").ifPresent(names -> task.put("after", JsonArray.ofStrings(names)));
        table.string("check").ifPresent(check -> task.put("check", check));
        table.bool("broadcast").ifPresent(broadcast -> task.put("broadcast", broadcast));
        return task.build();
    }

    /** A problem of the document, said of the section and key it came from. */
    private static void report(TomlTable table, List<TomlTable> taskTables, Problem problem) {
        Matcher task = TASK_FIELD.matcher(problem.field());
        if (task.matches() && Integer.parseInt(task.group(1)) < taskTables.size()) {
            taskTables.get(Integer.parseInt(task.group(1))).problem(task.group(2), problem.message());
        } else if (!problem.field().equals("tasks")) {
            table.problem(problem.field(), problem.message());
        }
    }
}
