package dirt.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JacksonBridge;
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
        for (ObjectNode doc : JacksonBridge.trees(store.withIdPrefix(Schedule.ID_PREFIX))) {
            boolean ours = FROM_SETTINGS.equals(doc.path(SOURCE).asText());
            if (ours && !names.contains(doc.path("name").asText())) {
                try {
                    store.delete(doc.path("_id").asText(), doc.path("_rev").asText());
                    log.info("schedule {} is no longer in settings.toml: deleted", doc.path("name").asText());
                } catch (ConflictException e) {
                    log.debug("schedule {} changed while being deleted; left for the next start", doc.path("_id"));
                }
            }
        }
    }

    private void installOne(Schedule schedule) {
        boolean[] existed = new boolean[1];
        try {
            store.upsert(schedule.id(), JacksonBridge.editOptional(current -> {
                existed[0] = current.isPresent();
                ObjectNode next = current.map(doc -> merged(doc, schedule)).orElseGet(() -> fresh(schedule));
                return current.isPresent() && next.equals(current.get()) ? null : next;
            })).ifPresent(stored -> log.info("schedule {} from settings.toml {}: {}", schedule.name(),
                    existed[0] ? "updated" : "added", schedule.trigger().describe()));
        } catch (ConflictException e) {
            log.warn("schedule {} kept changing while being installed from settings.toml; it is left as it was",
                    schedule.id());
        }
    }

    private static ObjectNode fresh(Schedule schedule) {
        ObjectNode doc = schedule.toJson();
        doc.remove("_rev");
        return doc.put(SOURCE, FROM_SETTINGS);
    }

    private static ObjectNode merged(ObjectNode current, Schedule schedule) {
        ObjectNode definition = schedule.toJson();
        ObjectNode next = current.deepCopy();
        boolean triggerChanged = List.of("crontime", "frequency", "timezone").stream()
                .anyMatch(field -> !Objects.equals(current.get(field), definition.get(field)));
        for (String field : Schedule.DEFINITION) {
            JsonNode value = definition.get(field);
            if (value == null) {
                next.remove(field);
            } else {
                next.set(field, value);
            }
        }
        next.put(SOURCE, FROM_SETTINGS);
        if (triggerChanged) {
            next.remove("next_run");
            next.remove("queued");
        }
        return next;
    }
}
