package dirt.notify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    record Event(Kind kind, JsonNode at, String line) {
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
    static Optional<NodeNews> from(ObjectNode doc, Optional<JsonNode> after, Instant now) {
        if (!Node.TYPE.equals(doc.path("type").asText()) || !doc.path("name").isTextual()) {
            return Optional.empty();
        }
        BigDecimal from = after.filter(JsonNode::isNumber).map(JsonNode::decimalValue)
                .orElse(BigDecimal.valueOf(now.minus(NEWS_FOR).getEpochSecond()));
        List<Event> events = new ArrayList<>();
        JsonNode quarantine = doc.path(Node.QUARANTINED);
        if (quarantine.path("since").isNumber()) {
            events.add(new Event(Kind.NODE_QUARANTINED, quarantine.get("since"),
                    "quarantined: " + quarantine.path("reason").asText("?")));
        }
        for (JsonNode change : doc.path(Node.FACTS_CHANGED)) {
            if (change.path("when").isNumber() && change.path("what").isTextual()) {
                events.add(new Event(Kind.FACTS_CHANGED, change.get("when"), "fact changed: "
                        + change.get("what").textValue() + ": " + change.path("from") + " → " + change.path("to")));
            }
        }
        List<Event> news = events.stream().filter(event -> event.at().decimalValue().compareTo(from) > 0)
                .sorted(Comparator.comparing(event -> event.at().decimalValue())).toList();
        return news.isEmpty() ? Optional.empty() : Optional.of(new NodeNews(doc.get("name").textValue(), news));
    }

    /** The message's kind: a quarantine outweighs changed facts. */
    Kind kind() {
        return events.stream().anyMatch(event -> event.kind() == Kind.NODE_QUARANTINED) ? Kind.NODE_QUARANTINED
                : Kind.FACTS_CHANGED;
    }

    /** The time of the newest event: what the claim is about. */
    JsonNode newest() {
        return events.get(events.size() - 1).at();
    }
}
