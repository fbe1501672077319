package dirt.notify;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.node.Node;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a node document has to tell that no message told yet: its quarantine ({@code quarantined}) and the changes in
 * its facts ({@code facts_changed}), each newer than the last node message claimed on it and not older than a day
 * (a node document from before notifications were on does not send its whole past).
 *
 * @param node the node's name
 * @param events what happened, oldest first
 */
record NodeNews(String node, List<Event> events) {
    /** Events older than this when first seen are history, not news. */
    static final Duration NEWS_FOR = Duration.ofDays(1);

    /** One thing that happened to the node: when ({@code at}, as the document has it) and a line saying what. */
    record Event(Kind kind, JsonNumber at, String line) {
        Event {
            requireNonNull(kind, "kind is null");
            requireNonNull(at, "at is null");
            requireNonNull(line, "line is null");
        }
    }

    NodeNews {
        events = List.copyOf(events);
    }

    /** The news in a node document after {@code after} (a claim's {@code event_at}); empty when there is none. */
    static Optional<NodeNews> from(JsonObject doc, Optional<JsonNumber> after, Instant now) {
        Optional<String> name = doc.string("name");
        if (doc.string("type").filter(Node.TYPE::equals).isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal from = after.map(JsonNumber::value)
                .orElse(BigDecimal.valueOf(now.minus(NEWS_FOR).getEpochSecond()));
        List<Event> events = new ArrayList<>();
        Optional<JsonObject> quarantine = doc.object(Node.QUARANTINED);
        quarantine.flatMap(q -> q.number("since")).ifPresent(since -> events.add(new Event(Kind.NODE_QUARANTINED,
                since, "quarantined: " + quarantine.get().get("reason").map(NodeNews::text).orElse("?"))));
        for (Json item : doc.array(Node.FACTS_CHANGED).orElse(JsonArray.EMPTY)) {
            if (item instanceof JsonObject change && change.number("when").isPresent()
                    && change.string("what").isPresent()) {
                events.add(new Event(Kind.FACTS_CHANGED, change.number("when").get(), "fact changed: "
                        + change.string("what").get() + ": " + json(change, "from") + " → " + json(change, "to")));
            }
        }
        List<Event> news = events.stream().filter(event -> event.at().value().compareTo(from) > 0)
                .sorted(Comparator.comparing(event -> event.at().value())).toList();
        return news.isEmpty() ? Optional.empty() : Optional.of(new NodeNews(name.get(), news));
    }

    /** A value as a message line quotes it: its JSON text, nothing when missing. */
    private static String json(JsonObject object, String field) {
        return object.get(field).map(Json::toString).orElse("");
    }

    /** A string as it is, another value as its JSON text. */
    static String text(Json value) {
        return value instanceof JsonString string ? string.value() : value == JsonNull.NULL ? "?" : value.toString();
    }

    /** The message's kind: a quarantine outweighs changed facts. */
    Kind kind() {
        return events.stream().anyMatch(event -> event.kind() == Kind.NODE_QUARANTINED) ? Kind.NODE_QUARANTINED
                : Kind.FACTS_CHANGED;
    }

    /** The time of the newest event: what the claim is about. */
    JsonNumber newest() {
        return events.get(events.size() - 1).at();
    }
}
