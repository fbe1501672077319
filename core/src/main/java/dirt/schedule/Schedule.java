package dirt.schedule;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.document.InvalidDocumentException;
import dirt.document.Problem;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A schedule document: it makes serve create a record and its tasks at the times of a cron expression
 * ({@code crontime}) or every {@code frequency} seconds after the previous run ended. Fields users write:
 * {@code _id} ({@code "schedule:NAME"}), {@code type: "schedule"}, {@code name}, {@code crontime} or
 * {@code frequency}, {@code timezone}, {@code enabled}, {@code overlap} (skip, queue, allow), {@code missed} (once,
 * skip), {@code record} (fields of the records it creates, e.g. {@code description}) and {@code tasks} (the tasks of
 * each record, written like task documents without {@code _id}, {@code type} and {@code record_id}). Serve writes the
 * {@link ScheduleState} fields. Other fields are kept in {@link #document()}.
 */
public record Schedule(String name, Optional<String> rev, Trigger trigger, boolean enabled, Overlap overlap,
        Missed missed, JsonObject record, List<JsonObject> tasks, ScheduleState state, JsonObject document) {
    public static final String TYPE = "schedule";
    /** Every schedule document's id starts with this, followed by its name. */
    public static final String ID_PREFIX = "schedule:";
    public static final Overlap DEFAULT_OVERLAP = Overlap.SKIP;
    public static final Missed DEFAULT_MISSED = Missed.ONCE;
    /** Letters, digits, {@code _ . -}; it becomes part of record ids. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** The fields that say what a schedule does, as opposed to the state serve writes. */
    static final List<String> DEFINITION = List.of("type", "name", "crontime", "frequency", "timezone", "enabled",
            "overlap", "missed", "record", "tasks");

    public Schedule {
        requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid schedule name: " + name);
        }
        requireNonNull(rev, "rev is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(overlap, "overlap is null");
        requireNonNull(missed, "missed is null");
        requireNonNull(record, "record is null");
        tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one task");
        }
        requireNonNull(state, "state is null");
        requireNonNull(document, "document is null");
    }

    /** Every problem with a schedule document, all at once; empty when {@link #fromJson} would succeed. */
    public static List<Problem> validate(JsonObject json) {
        return problems(json);
    }

    private static List<Problem> problems(Json json) {
        DocumentReader in = new DocumentReader(json);
        ScheduleReader.read(in);
        return in.problems();
    }

    /**
     * Parses a schedule document.
     *
     * @throws InvalidDocumentException listing every problem when it is not a valid schedule
     */
    public static Schedule fromJson(JsonObject json) {
        return parse(json);
    }

    private static Schedule parse(Json json) {
        DocumentReader in = new DocumentReader(json);
        Optional<Schedule> schedule = ScheduleReader.read(in);
        in.throwIfInvalid(TYPE);
        return schedule.orElseThrow();
    }

    /** {@code schedule:NAME}. */
    public String id() {
        return ID_PREFIX + name;
    }

    public Schedule withState(ScheduleState next) {
        return new Schedule(name, rev, trigger, enabled, overlap, missed, record, tasks, next, document);
    }

    /** {@code skip}, {@code once}, ...: how the documents and settings spell the choices. */
    public static String word(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    /** The document with this schedule's fields set on a copy of {@link #document()}. */
    public JsonObject json() {
        DocumentWriter out = DocumentWriter.copyOf(document).string("_id", id()).string("_rev", rev)
                .string("type", TYPE).string("name", name);
        if (trigger instanceof Trigger.Crontime crontime) {
            out.string("crontime", crontime.cron().text()).remove("frequency")
                    .string("timezone", crontime.timezone().map(zone -> zone.getId()));
        } else if (trigger instanceof Trigger.Frequency frequency) {
            out.json("frequency", JsonNumber.of(frequency.every().toSeconds())).remove("crontime").remove("timezone");
        }
        out.bool("enabled", enabled).string("overlap", word(overlap)).string("missed", word(missed))
                .json("record", record).json("tasks", new JsonArray(List.<Json>copyOf(tasks)));
        return state.writeTo(out).build();
    }
}
