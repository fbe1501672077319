package dirt.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task's {@code results} object: {@code success}, an optional {@code reason} for a failure, {@code attach_links},
 * and whatever else the task returned, all kept in {@link #document()}.
 */
public record Results(boolean success, Optional<String> reason, List<AttachLink> attachLinks, ObjectNode document) {
    public Results {
        requireNonNull(reason, "reason is null");
        attachLinks = List.copyOf(requireNonNull(attachLinks, "attachLinks is null"));
        document = requireNonNull(document, "document is null").deepCopy();
    }

    /** {@code {"success": true}}. */
    public static Results passed() {
        return new Results(true, Optional.empty(), List.of(), JsonNodeFactory.instance.objectNode());
    }

    /** {@code {"success": false, "reason": reason}}. */
    public static Results failed(String reason) {
        requireNonNull(reason, "reason is null");
        return new Results(false, Optional.of(reason), List.of(), JsonNodeFactory.instance.objectNode());
    }

    /**
     * Reads a results object leniently, since tasks write it: {@code success} counts only when it is the boolean
     * {@code true}; a {@code reason} that is not a string and malformed {@code attach_links} entries are ignored here
     * but kept in {@link #document()}.
     */
    public static Results fromJson(ObjectNode json) {
        requireNonNull(json, "json is null");
        JsonNode success = json.path("success");
        JsonNode reason = json.path("reason");
        return new Results(success.isBoolean() && success.booleanValue(),
                reason.isTextual() ? Optional.of(reason.textValue()) : Optional.empty(), attachLinks(json), json);
    }

    private static List<AttachLink> attachLinks(ObjectNode json) {
        List<AttachLink> links = new ArrayList<>();
        for (JsonNode link : json.path("attach_links")) {
            if (link.path("id").isTextual() && link.path("name").isTextual()) {
                links.add(new AttachLink(link.get("id").textValue(), link.get("name").textValue()));
            }
        }
        return links;
    }

    /** A deep copy of everything in the results object, including fields dirt does not know. */
    @Override
    public ObjectNode document() {
        return document.deepCopy();
    }

    /** These results with one more field, e.g. something a task returned. */
    public Results with(String field, JsonNode value) {
        return new Results(success, reason, attachLinks, DocumentWriter.copyOf(document).json(field, value).toJson());
    }

    /**
     * The results object: a copy of {@link #document()} with {@code success} set, and {@code reason} and
     * {@code attach_links} set when they differ from what the document holds (so malformed values a task wrote are
     * kept as they are unless replaced).
     */
    public ObjectNode toJson() {
        Results original = fromJson(document);
        DocumentWriter out = DocumentWriter.copyOf(document).bool("success", success);
        if (!reason.equals(original.reason)) {
            out.string("reason", reason);
        }
        if (!attachLinks.equals(original.attachLinks)) {
            ArrayNode links = JsonNodeFactory.instance.arrayNode();
            attachLinks.forEach(link -> links.add(link.toJson()));
            out.json("attach_links", links);
        }
        return out.toJson();
    }
}
