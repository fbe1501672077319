package dirt.task;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task's {@code results} object: {@code success}, an optional {@code reason} for a failure, {@code attach_links},
 * and whatever else the task returned, all kept in {@link #document()}.
 */
public record Results(boolean success, Optional<String> reason, List<AttachLink> attachLinks, JsonObject document) {
    /** The longest reason kept in a document's results and history and in serve's log; see {@link #shortReason}. */
    public static final int MAX_REASON = 4000;

    public Results {
        requireNonNull(reason, "reason is null");
        attachLinks = List.copyOf(requireNonNull(attachLinks, "attachLinks is null"));
        requireNonNull(document, "document is null");
    }

    /** {@code {"success": true}}. */
    public static Results passed() {
        return new Results(true, Optional.empty(), List.of(), JsonObject.EMPTY);
    }

    /** {@code {"success": false, "reason": reason}}. */
    public static Results failed(String reason) {
        requireNonNull(reason, "reason is null");
        return new Results(false, Optional.of(reason), List.of(), JsonObject.EMPTY);
    }

    /**
     * Reads a results object leniently, since tasks write it: {@code success} counts only when it is the boolean
     * {@code true}; a {@code reason} that is not a string and malformed {@code attach_links} entries are ignored here
     * but kept in {@link #document()}.
     */
    public static Results fromJson(JsonObject json) {
        requireNonNull(json, "json is null");
        return new Results(json.bool("success").orElse(false), json.string("reason"), attachLinks(json), json);
    }

    /** {@code reason} cut to {@link #MAX_REASON} characters, with a note of its whole length, when it is longer. */
    public static String shortReason(String reason) {
        if (reason.length() <= MAX_REASON) {
            return reason;
        }
        int end = Character.isHighSurrogate(reason.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON;
        return reason.substring(0, end) + String.format(" … (cut: %d characters in all)", reason.length());
    }

    private static List<AttachLink> attachLinks(JsonObject json) {
        List<AttachLink> links = new ArrayList<>();
        Optional<Json> field = json.get("attach_links");
        Iterable<Json> entries = field.orElse(null) instanceof JsonArray array ? array
                : field.orElse(null) instanceof JsonObject object ? object.fields().values() : List.of();
        for (Json entry : entries) {
            if (entry instanceof JsonObject link && link.string("id").isPresent() && link.string("name").isPresent()) {
                links.add(new AttachLink(link.string("id").get(), link.string("name").get()));
            }
        }
        return links;
    }

    /** These results with one more field, e.g. something a task returned. */
    public Results with(String field, Json value) {
        return new Results(success, reason, attachLinks, document.with(field, value));
    }

    /**
     * The results object: a copy of {@link #document()} with {@code success} set, and {@code reason} and
     * {@code attach_links} set when they differ from what the document holds (so malformed values a task wrote are
     * kept as they are unless replaced).
     */
    public JsonObject toJson() {
        Results original = fromJson(document);
        JsonObject.Builder out = document.toBuilder().put("success", success);
        if (!reason.equals(original.reason)) {
            reason.ifPresentOrElse(text -> out.put("reason", text), () -> out.remove("reason"));
        }
        if (!attachLinks.equals(original.attachLinks)) {
            out.put("attach_links", new JsonArray(attachLinks.stream().<Json>map(AttachLink::toJson).toList()));
        }
        return out.build();
    }
}
