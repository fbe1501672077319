package dirt.serve.backlog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads again the documents of waiting tasks the backlog keeps without them ({@link Pending#hasDocument}), at the
 * revision it saw: a task whose document changed or went meanwhile is left out, and the changes feed brings its news.
 */
public final class Documents {
    private final Store store;

    public Documents(Store store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** {@code tasks} with their documents, in order, read in one request; those that changed or went are left out. */
    public List<Pending> withDocuments(List<Pending> tasks) {
        List<String> missing = tasks.stream().filter(task -> !task.hasDocument()).map(Pending::id).toList();
        Map<String, ObjectNode> read = missing.isEmpty() ? Map.of() : store.getAll(missing);
        List<Pending> ready = new ArrayList<>(tasks.size());
        for (Pending task : tasks) {
            if (task.hasDocument()) {
                ready.add(task);
            } else {
                ObjectNode document = read.get(task.id());
                if (document != null && task.rev().equals(document.path("_rev").asText())) {
                    ready.add(task.with(document));
                }
            }
        }
        return ready;
    }

    /** {@code task} with its document, or empty when it changed or went. */
    public Optional<Pending> withDocument(Pending task) {
        if (task.hasDocument()) {
            return Optional.of(task);
        }
        return store.get(task.id()).filter(document -> task.rev().equals(document.path("_rev").asText()))
                .map(task::with);
    }
}
