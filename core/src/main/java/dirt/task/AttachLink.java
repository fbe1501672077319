package dirt.task;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonObject;

/**
 * A link shown next to a task's results: {@code {"id": "build.log", "name": "Build log"}} in {@code results.attach_links},
 * where {@code id} names an attachment of the task document and {@code name} is the link text.
 */
public record AttachLink(String id, String name) {
    public AttachLink {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
    }

    JsonObject toJson() {
        return JsonObject.builder().put("id", id).put("name", name).build();
    }
}
