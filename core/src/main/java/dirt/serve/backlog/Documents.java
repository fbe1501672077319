package dirt.serve.backlog;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonObject;
import dirt.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads again the documents of waiting tasks the backlog keeps without them ({@link Pending#hasDocument}), at the
 * revision it saw. A task whose document changed meanwhile comes back as the document it is now, and one that went
 * as its id, so that the dispatcher takes the news as if the feed had brought it.
 */
public final class Documents {
    private final Store store;

    public Documents(Store store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * What reading {@code tasks} again found.
     *
     * @param ready the tasks whose document is as the backlog saw it, with that document, in order
     * @param changed the current documents of those that changed
     * @param gone the ids of those whose document went
     */
    public record Reads(List<Pending> ready, List<JsonObject> changed, List<String> gone) {
        public Reads {
            ready = List.copyOf(ready);
            changed = List.copyOf(changed);
            gone = List.copyOf(gone);
        }
    }

    /**
     * {@code tasks} with their documents, those kept without read in one request.
     *
     * @throws dirt.store.StoreException when the database cannot be read
     */
    public Reads withDocuments(List<Pending> tasks) {
        List<String> missing = tasks.stream().filter(task -> !task.hasDocument()).map(Pending::id).toList();
        Map<String, JsonObject> read = missing.isEmpty() ? Map.of() : store.getAll(missing);
        List<Pending> ready = new ArrayList<>(tasks.size());
        List<JsonObject> changed = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Pending task : tasks) {
            if (task.hasDocument()) {
                ready.add(task);
                continue;
            }
            JsonObject document = read.get(task.id());
            if (document == null) {
                gone.add(task.id());
            } else if (document.rev().filter(task.rev()::equals).isPresent()) {
                ready.add(task.with(document));
            } else {
                changed.add(document);
            }
        }
        return new Reads(ready, changed, gone);
    }
}
