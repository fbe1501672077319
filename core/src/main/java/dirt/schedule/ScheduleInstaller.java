package dirt.schedule;

import dirt.json.Json;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.store.ConflictException;
import dirt.store.Store;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@code [[schedule]]} sections of settings.toml into the database as schedule documents marked
 * {@code source: "settings"}, keeping the state serve wrote on them; a changed {@code crontime}, {@code frequency} or
 * {@code timezone} drops the next run so that it is computed again. Documents from settings whose section is gone are
 * deleted; schedule documents posted by users are left alone.
 */
final class ScheduleInstaller {
    static final String SOURCE = "source";
    static final String FROM_SETTINGS = "settings";
    private static final Logger log = LoggerFactory.getLogger(ScheduleInstaller.class);
    private final Store store;

    ScheduleInstaller(Store store) {
        this.store = store;
    }

    void install(List<Schedule> schedules) {
        schedules.forEach(this::installOne);
        Set<String> names = schedules.stream().map(Schedule::name).collect(Collectors.toSet());
        for (JsonObject doc : store.withIdPrefix(Schedule.ID_PREFIX)) {
            boolean ours = doc.string(SOURCE).filter(FROM_SETTINGS::equals).isPresent();
            String name = text(doc, "name");
            if (ours && !names.contains(name)) {
                try {
                    store.delete(text(doc, "_id"), text(doc, "_rev"));
                    log.info("schedule {} is no longer in settings.toml: deleted", name);
                } catch (ConflictException e) {
                    log.debug("schedule {} changed while being deleted; left for the next start", doc.get("_id")
                            .map(Json::toString).orElse(""));
                }
            }
        }
    }

    private void installOne(Schedule schedule) {
        boolean[] existed = new boolean[1];
        boolean[] posted = new boolean[1];
        try {
            store.upsert(schedule.id(), current -> {
                existed[0] = current.isPresent();
                posted[0] = current.filter(doc -> doc.string(SOURCE).filter(FROM_SETTINGS::equals).isEmpty())
                        .isPresent();
                JsonObject next = current.map(doc -> merged(doc, schedule)).orElseGet(() -> fresh(schedule));
                return current.isPresent() && next.equals(current.get()) ? null : next;
            }).ifPresent(stored -> {
                if (posted[0]) {
                    log.warn("schedule {} from settings.toml replaced the schedule document of that name posted to"
                            + " the database: settings.toml decides it now; rename one of them to keep both",
                            schedule.name());
                }
                log.info("schedule {} from settings.toml {}: {}", schedule.name(), existed[0] ? "updated" : "added",
                        schedule.trigger().describe());
            });
        } catch (ConflictException e) {
            log.warn("schedule {} kept changing while being installed from settings.toml; it is left as it was",
                    schedule.id());
        }
    }

    /** A string field's text; empty when missing, else the JSON text of a value that is not a string. */
    private static String text(JsonObject doc, String field) {
        return doc.get(field).map(value -> value instanceof JsonString string ? string.value()
                : value == JsonNull.NULL ? "null" : value.toString()).orElse("");
    }

    private static JsonObject fresh(Schedule schedule) {
        return schedule.json().toBuilder().remove("_rev").put(SOURCE, FROM_SETTINGS).build();
    }

    private static JsonObject merged(JsonObject current, Schedule schedule) {
        JsonObject definition = schedule.json();
        JsonObject.Builder next = current.toBuilder();
        boolean triggerChanged = List.of("crontime", "frequency", "timezone").stream()
                .anyMatch(field -> !Objects.equals(current.get(field), definition.get(field)));
        for (String field : Schedule.DEFINITION) {
            definition.get(field).ifPresentOrElse(value -> next.put(field, value), () -> next.remove(field));
        }
        next.put(SOURCE, FROM_SETTINGS);
        if (triggerChanged) {
            next.remove("next_run");
            next.remove("queued");
        }
        return next.build();
    }
}
