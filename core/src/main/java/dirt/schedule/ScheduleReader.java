package dirt.schedule;

import dirt.document.DocumentReader;
import dirt.document.InvalidDocumentException;
import dirt.document.Problem;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.task.Task;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads a schedule document field by field, collecting every problem; one code path for parsing and validation. */
final class ScheduleReader {
    /** Fields of a task template that the scheduler sets, or serve does. */
    private static final List<String> NOT_IN_TEMPLATES =
            List.of("_id", "_rev", "type", "record_id", "started", "completed", "results", "node");

    private ScheduleReader() {}

    static Optional<Schedule> read(DocumentReader in) {
        Optional<String> id = in.requiredString("_id", "give the schedule the id \"schedule:NAME\"");
        Optional<String> rev = in.string("_rev");
        in.expectType(Schedule.TYPE);
        Optional<String> name = name(in, id);
        Optional<Trigger> trigger = trigger(in);
        boolean enabled = in.bool("enabled").orElse(true);
        Optional<Overlap> overlap = choice(in, "overlap", Overlap.class, Schedule.DEFAULT_OVERLAP);
        Optional<Missed> missed = choice(in, "missed", Missed.class, Schedule.DEFAULT_MISSED);
        Optional<JsonObject> record = record(in);
        List<JsonObject> tasks = tasks(in);
        ScheduleState state = ScheduleState.read(in);
        if (!in.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Schedule(name.orElseThrow(), rev, trigger.orElseThrow(), enabled, overlap.orElseThrow(),
                missed.orElseThrow(), record.orElseThrow(), tasks, state, in.document()));
    }

    private static Optional<String> name(DocumentReader in, Optional<String> id) {
        Optional<String> name = in.requiredString("name", "name the schedule, e.g. \"nightly\"");
        if (name.isPresent() && !Schedule.NAME.matcher(name.get()).matches()) {
            in.problem("name", DocumentReader.quote(name.get()) + " is not a schedule name — use letters, digits and"
                    + " _ . -, starting with a letter or digit");
            return Optional.empty();
        }
        if (name.isPresent() && id.isPresent() && !id.get().equals(Schedule.ID_PREFIX + name.get())) {
            in.problem("_id", "must be " + DocumentReader.quote(Schedule.ID_PREFIX + name.get()) + " for the schedule"
                    + " named " + DocumentReader.quote(name.get()) + ", got " + DocumentReader.quote(id.get()));
        }
        return name;
    }

    private static Optional<Trigger> trigger(DocumentReader in) {
        Optional<String> crontime = in.string("crontime");
        Optional<Integer> frequency = in.integer("frequency", 1);
        Optional<String> timezone = in.string("timezone");
        if (in.field("crontime").isPresent() && in.field("frequency").isPresent()) {
            in.problem("frequency", "is set as well as crontime — keep one of them");
            return Optional.empty();
        }
        if (in.field("crontime").isEmpty() && in.field("frequency").isEmpty()) {
            in.problem("crontime", "is missing — set crontime to a cron expression such as " + Cron.EXAMPLES
                    + ", or frequency to the seconds between the end of one run and the start of the next");
            return Optional.empty();
        }
        if (frequency.isPresent()) {
            if (timezone.isPresent()) {
                in.problem("timezone", "applies to crontime only — remove it");
            }
            return Optional.of(new Trigger.Frequency(Duration.ofSeconds(frequency.get())));
        }
        Optional<Cron> cron = Optional.empty();
        try {
            cron = crontime.map(Cron::parse);
        } catch (IllegalArgumentException e) {
            in.problem("crontime", e.getMessage());
        }
        Optional<ZoneId> zone = Optional.empty();
        try {
            zone = timezone.map(ZoneId::of);
        } catch (DateTimeException e) {
            in.problem("timezone", DocumentReader.quote(timezone.get()) + " is not a time zone — use a name such as"
                    + " \"Europe/Zurich\" or \"UTC\", or remove it for the server's time zone");
        }
        Optional<ZoneId> parsedZone = zone;
        return cron.map(c -> new Trigger.Crontime(c, parsedZone));
    }

    private static <E extends Enum<E>> Optional<E> choice(DocumentReader in, String field, Class<E> type,
            E fallback) {
        Optional<String> word = in.string(field);
        if (word.isEmpty()) {
            return in.field(field).isPresent() ? Optional.empty() : Optional.of(fallback);
        }
        for (E choice : type.getEnumConstants()) {
            if (Schedule.word(choice).equals(word.get())) {
                return Optional.of(choice);
            }
        }
        in.problem(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> "\"" + Schedule.word(c) + "\"").collect(Collectors.joining(", ")) + ", got "
                + DocumentReader.quote(word.get()));
        return Optional.empty();
    }

    private static Optional<JsonObject> record(DocumentReader in) {
        Optional<JsonObject> record = in.object("record");
        for (String field : List.of("_id", "_rev", "type")) {
            if (record.isPresent() && record.get().has(field)) {
                in.problem("record." + field, "is set by the scheduler — remove it");
            }
        }
        if (in.field("record").isPresent() && record.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(record.orElse(JsonObject.EMPTY));
    }

    private static List<JsonObject> tasks(DocumentReader in) {
        Optional<JsonArray> array = in.array("tasks",
                "a list of task templates like [{\"name\": \"examples.simple\"}]");
        List<JsonObject> tasks = new ArrayList<>();
        if (array.isPresent() && array.get().isEmpty() || in.field("tasks").isEmpty()) {
            in.problem("tasks", (array.isPresent() ? "is empty" : "is missing") + " — list the tasks each run creates,"
                    + " e.g. [{\"name\": \"examples.simple\"}]");
        }
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            Json value = array.get().get(i);
            String field = "tasks[" + i + "]";
            if (!(value instanceof JsonObject template)) {
                in.problem(field, "must be a JSON object like {\"name\": \"examples.simple\"}, got "
                        + DocumentReader.show(value));
                continue;
            }
            checkTemplate(in, field, template);
            tasks.add(template);
        }
        return tasks;
    }

    private static void checkTemplate(DocumentReader in, String field, JsonObject template) {
        for (String owned : NOT_IN_TEMPLATES) {
            if (template.has(owned)) {
                in.problem(field + "." + owned, "is set by the scheduler or by serve — remove it");
            }
        }
        JsonObject.Builder sample = template.toBuilder().put("_id", "sample").put("type", Task.TYPE)
                .put("record_id", "sample");
        NOT_IN_TEMPLATES.stream().filter(f -> !List.of("_id", "type", "record_id").contains(f)).forEach(sample::remove);
        in.nested(field, taskProblems(sample.build()));
    }

    /** What {@code Task.validate} finds in {@code task}: the problems {@link Task#fromJson(JsonObject)} throws. */
    private static List<Problem> taskProblems(JsonObject task) {
        try {
            Task.fromJson(task);
            return List.of();
        } catch (InvalidDocumentException e) {
            return e.problems();
        }
    }
}
