package dirt.notify;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Writes the messages: what happened (subject such as {@code [dirt] FAILED compile_hello on r123 (node build7)}),
 * where (task, record, node), why ({@code reason}, the last lines of {@code stderr.txt}) and a link to the record's
 * page, as text for people and as the JSON payload of webhooks. Pure: the caller fetches what it needs.
 */
final class Messages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String project;
    private final Links links;
    private final boolean nospam;

    Messages(String project, Links links, boolean nospam) {
        this.project = project;
        this.links = links;
        this.nospam = nospam;
    }

    Notification task(FinishedTask task, Kind kind, Optional<FinishedTask> previous, Optional<Tail> stderr) {
        String subject = "[dirt] " + kind.headline() + " " + task.name() + " on " + task.recordId()
                + task.node().map(node -> " (node " + node + ")").orElse("");
        String url = links.record(task.recordId());
        StringBuilder text = new StringBuilder(headline(task, kind, previous)).append("\n\n");
        text.append(String.format("project:   %s%n", project));
        text.append(String.format("task:      %s (id %s)%n", task.name(), task.id()));
        text.append(String.format("record:    %s%n", task.recordId()));
        text.append(String.format("node:      %s%n", task.node().orElse("none")));
        text.append(String.format("completed: %s%n", TIME.format(task.completedAt())));
        task.reason().ifPresent(reason -> text.append(String.format("reason:    %s%n", reason)));
        stderr.filter(tail -> !tail.isEmpty()).ifPresent(tail -> {
            text.append(tail.lines().size() == 1 ? String.format("%nLast line of %s:%n", tail.attachment())
                    : String.format("%nLast %d lines of %s:%n", tail.lines().size(), tail.attachment()));
            tail.lines().forEach(line -> text.append("    ").append(line).append('\n'));
        });
        text.append("\nRecord page: ").append(url).append('\n');
        if (nospam && kind == Kind.FAILED) {
            text.append("\nnospam is on: no more messages about ").append(task.name())
                    .append(" until it passes again.\n");
        }
        JsonObject.Builder payload = payload(kind, deliveryId(task), subject, url);
        payload.put("task", describe(task).put("completed", task.completed()).build());
        previous.ifPresent(p -> payload.put("previous", JsonObject.builder().put("id", p.id())
                .put("record_id", p.recordId()).put("status", p.status()).build()));
        stderr.filter(tail -> !tail.isEmpty()).ifPresent(tail -> payload.put("stderr_attachment", tail.attachment())
                .put("stderr_tail", JsonArray.ofStrings(tail.lines())));
        return new Notification(deliveryId(task), kind, subject, text.toString(), payload.build());
    }

    Notification summary(String recordId, List<FinishedTask> tasks) {
        long failed = tasks.stream().filter(FinishedTask::failed).count();
        long cancelled = tasks.stream().filter(FinishedTask::cancelled).count();
        long passed = tasks.size() - failed - cancelled;
        String subject = "[dirt] " + (failed > 0 ? "FAILED" : cancelled > 0 ? "CANCELLED" : "PASSED") + " record "
                + recordId + ": " + (failed > 0 ? failed + " of " + tasks.size() + " task(s) failed"
                        : cancelled > 0 ? cancelled + " of " + tasks.size() + " task(s) cancelled"
                        : "all " + tasks.size() + " task(s) passed");
        String url = links.record(recordId);
        StringBuilder text = new StringBuilder(String.format(
                "All %d task(s) of record %s have completed: %d passed, %d failed%s.%n%nproject: %s%n%n",
                tasks.size(), recordId, passed, failed, cancelled > 0 ? ", " + cancelled + " cancelled" : "",
                project));
        for (FinishedTask task : tasks) {
            text.append(String.format("  %-6s %s on %s%s%n", task.passed() ? "passed" : task.cancelled()
                    ? "cancelled" : "FAILED", task.name(),
                    task.node().orElse("no node"), task.reason().filter(r -> task.failed()).map(r -> ": " + r)
                            .orElse("")));
        }
        text.append("\nRecord page: ").append(url).append('\n');
        String deliveryId = summaryDeliveryId(recordId, tasks.size());
        JsonObject.Builder payload = payload(Kind.RECORD_SUMMARY, deliveryId, subject, url).put("record_id", recordId);
        payload.put("counts", JsonObject.builder().put("passed", passed).put("failed", failed)
                .put("cancelled", cancelled).build());
        payload.put("tasks", new JsonArray(tasks.stream().<Json>map(task -> describe(task).build()).toList()));
        return new Notification(deliveryId, Kind.RECORD_SUMMARY, subject, text.toString(), payload.build());
    }

    /** News about a node: its quarantine (with the evidence) and what changed in its facts. */
    Notification node(NodeNews news, JsonObject document) {
        Kind kind = news.kind();
        String subject = "[dirt] " + kind.headline() + " node " + news.node() + (kind == Kind.NODE_QUARANTINED
                ? ": it fails tasks that pass on other nodes" : ": " + news.events().size() + " change(s)");
        String url = links.node(news.node());
        StringBuilder text = new StringBuilder();
        text.append(String.format("project: %s%nnode:    %s%n%n", project, news.node()));
        news.events().forEach(event -> text.append(String.format("%s  %s%n",
                TIME.format(java.time.Instant.ofEpochSecond(event.at().value().longValue())), event.line())));
        Optional<JsonObject> quarantine = document.object(dirt.node.Node.QUARANTINED);
        Optional<JsonArray> evidence = quarantine.flatMap(q -> q.array("evidence"));
        if (kind == Kind.NODE_QUARANTINED && evidence.isPresent()) {
            text.append("\nFailed here, passed elsewhere:\n");
            evidence.get().forEach(item -> {
                JsonObject entry = item instanceof JsonObject object ? object : JsonObject.EMPTY;
                text.append(String.format("    %s (%s, try %s) passed on %s%n", text(entry.get("name")),
                        text(entry.get("task")), text(entry.get("attempt")),
                        String.join(", ", strings(entry.array("passed_on")))));
            });
            text.append("\nIt takes no new work until: dirt nodes release ").append(news.node()).append('\n');
        }
        text.append("\nNodes page: ").append(url).append('\n');
        String deliveryId = "node:" + news.node() + "@" + plain(news.newest());
        JsonObject.Builder payload = payload(kind, deliveryId, subject, url).put("node", news.node());
        payload.put("events", new JsonArray(news.events().stream().<Json>map(event -> JsonObject.builder()
                .put("kind", event.kind().word()).put("line", event.line()).put("at", event.at()).build()).toList()));
        if (kind == Kind.NODE_QUARANTINED) {
            payload.put("quarantined", document.get(dirt.node.Node.QUARANTINED).orElse(JsonNull.NULL));
        }
        return new Notification(deliveryId, kind, subject, text.toString(), payload.build());
    }

    /** A value as the message quotes it: a string as it is, another value as its JSON text, nothing when missing. */
    private static String text(Optional<Json> value) {
        return value.map(v -> v instanceof JsonString string ? string.value() : v == JsonNull.NULL ? "null"
                : v.toString()).orElse("");
    }

    private static List<String> strings(Optional<JsonArray> array) {
        return array.map(values -> values.stream().map(value -> text(Optional.of(value))).toList()).orElse(List.of());
    }

    /** A number in plain digits without trailing zeros: {@code 1700000002.5}. */
    private static String plain(JsonNumber number) {
        return number.value().stripTrailingZeros().toPlainString();
    }

    static String deliveryId(FinishedTask task) {
        return task.id() + "@" + plain(task.completed());
    }

    static String summaryDeliveryId(String recordId, int tasks) {
        return "record:" + recordId + "@" + tasks;
    }

    private String headline(FinishedTask task, Kind kind, Optional<FinishedTask> previous) {
        String where = " on record " + task.recordId() + task.node().map(node -> " (node " + node + ")").orElse("");
        String before = previous.map(p -> p.recordId().equals(task.recordId()) ? "" : " on " + p.recordId())
                .orElse("");
        return switch (kind) {
            case FAILED -> task.name() + " failed" + where + previous.filter(FinishedTask::passed)
                    .map(p -> "; it passed" + before + ".").orElse(".");
            case STILL_FAILING -> task.name() + " failed again" + where + "; it failed" + before + " too.";
            case RECOVERED -> task.name() + " passes again" + where + "; it failed" + before + ".";
            case PASSED -> task.name() + " passed" + where + ".";
            case RECORD_SUMMARY, NODE_QUARANTINED, FACTS_CHANGED ->
                    throw new IllegalStateException("not a task's message: " + kind);
        };
    }

    private JsonObject.Builder payload(Kind kind, String deliveryId, String subject, String url) {
        return JsonObject.builder().put("event", kind.event()).put("kind", kind.word()).put("project", project)
                .put("subject", subject).put("url", url).put("delivery", deliveryId);
    }

    /** The task's fields of a payload; {@code node} and {@code reason} are null when it has none. */
    private static JsonObject.Builder describe(FinishedTask task) {
        return JsonObject.builder().put("id", task.id()).put("name", task.name()).put("record_id", task.recordId())
                .put("status", task.status()).put("node", orNull(task.node())).put("reason", orNull(task.reason()));
    }

    private static Json orNull(Optional<String> value) {
        return value.<Json>map(JsonString::new).orElse(JsonNull.NULL);
    }
}
