package dirt.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentWriter;
import dirt.store.couch.JacksonBridge;
import java.time.Instant;

/** Schedule documents for tests: {@code ScheduleJson.cron("nightly", "0 2 * * *").with("overlap", "queue")}. */
final class ScheduleJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode doc;

    private ScheduleJson(ObjectNode doc) {
        this.doc = doc;
    }

    private static ScheduleJson named(String name) {
        ObjectNode doc = JSON.createObjectNode().put("_id", "schedule:" + name).put("type", "schedule")
                .put("name", name);
        doc.putObject("record").put("description", name + " build");
        doc.putArray("tasks").addObject().put("name", "examples.simple");
        return new ScheduleJson(doc);
    }

    static ScheduleJson cron(String name, String crontime) {
        ScheduleJson json = named(name);
        json.doc.put("crontime", crontime);
        return json;
    }

    static ScheduleJson every(String name, int seconds) {
        ScheduleJson json = named(name);
        json.doc.put("frequency", seconds);
        return json;
    }

    ScheduleJson with(String field, String value) {
        doc.put(field, value);
        return this;
    }

    ScheduleJson with(String field, boolean value) {
        doc.put(field, value);
        return this;
    }

    ScheduleJson at(String field, String isoInstant) {
        doc.set(field, JacksonBridge.tree(DocumentWriter.epochSeconds(Instant.parse(isoInstant))));
        return this;
    }

    ScheduleJson task(String name, String command) {
        doc.withArray("tasks").addObject().put("name", name).put("command", command);
        return this;
    }

    ObjectNode json() {
        return doc.deepCopy();
    }

    Schedule schedule() {
        return Schedule.fromJson(JacksonBridge.object(doc));
    }
}
