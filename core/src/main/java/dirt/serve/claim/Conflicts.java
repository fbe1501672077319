package dirt.serve.claim;

import dirt.json.JsonObject;
import dirt.DirtException;
import dirt.serve.ServeViews;
import dirt.store.Store;
import dirt.task.Task;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves documents that writes through different nodes of a CouchDB cluster left with conflicting revisions:
 * tasks, slots, schedules and notification claims alike. The store settles most races as they happen; this finds what
 * a writer that died in the middle left behind. A conflict is resolved only once it has stayed the same for a whole
 * round ({@link #EVERY}), so that writers still settling a race finish first. The revision CouchDB shows (the winner)
 * is kept, unless a losing revision of a task is completed and the winner is not: then its content goes onto the
 * winner, so that no result is lost. The other revisions are deleted.
 */
final class Conflicts {
    private static final Logger log = LoggerFactory.getLogger(Conflicts.class);
    static final Duration EVERY = Duration.ofSeconds(15);

    private final Store store;
    private Set<String> seenLastRound = Set.of();

    Conflicts(Store store) {
        this.store = store;
    }

    /** One round: resolve the conflicts seen unchanged since the last round, remember the new ones. */
    void resolve() {
        Set<String> seen = new HashSet<>();
        for (JsonObject doc : store.viewDocuments(ServeViews.DESIGN, ServeViews.CONFLICTS)) {
            String id = doc.id().orElse("");
            List<JsonObject> revisions = store.revisions(id);
            if (revisions.size() < 2) {
                continue;
            }
            Set<String> losers = new HashSet<>();
            revisions.subList(1, revisions.size()).forEach(loser -> losers.add(id + " " + rev(loser)));
            if (seenLastRound.containsAll(losers)) {
                settle(id, revisions);
            } else {
                seen.addAll(losers);
            }
        }
        seenLastRound = seen;
    }

    private void settle(String id, List<JsonObject> revisions) {
        JsonObject winner = revisions.get(0);
        JsonObject keep = isCompletedTask(winner) ? winner
                : revisions.stream().filter(Conflicts::isCompletedTask).findFirst().orElse(winner);
        try {
            if (keep != winner) {
                store.put(keep.with("_rev", rev(winner)));
            }
            for (JsonObject loser : revisions.subList(1, revisions.size())) {
                store.delete(id, rev(loser));
            }
            log.info("{}: resolved {} conflicting revision(s) that writes through different CouchDB nodes left;"
                    + " kept {}", id, revisions.size() - 1, keep == winner ? "the winning revision"
                    : "the completed revision " + rev(keep));
        } catch (DirtException e) {
            log.warn("{}: could not resolve its conflicting revisions yet: {}", id, e.getMessage());
        }
    }

    private static boolean isCompletedTask(JsonObject doc) {
        return doc.string("type").filter(Task.TYPE::equals).isPresent() && doc.has("completed");
    }

    private static String rev(JsonObject doc) {
        return doc.rev().orElse("");
    }
}
