package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonObject;
import dirt.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles claims, and writes that a CouchDB cluster accepted without a quorum ({@code 202 Accepted}): such a write may
 * have lost a race that another writer, through another node, won with {@code 201}, and the document then holds both
 * revisions as conflicting leaves. Two writes from the same revision cannot both reach a quorum, so they cannot both be
 * answered {@code 201}; but a writer that started from another live leaf (the revision of a write that lost a race
 * and is not withdrawn yet, which CouchDB may show as the document meanwhile) can get {@code 201} too. So a claim is
 * settled here whatever the answer ({@link CouchDatabase#claimDocs}); other writes only when answered {@code 202}.
 * Settling decides by the leaves it reads, not by the answer: of the writers of one race at most one keeps its
 * revision, which need not be the one answered {@code 201}.
 *
 * <p>A settled write holds only when a read of every copy ({@code r} = the database's {@code n}) shows its revision
 * as the only live leaf. When there are others it lost: a revision CouchDB does not pick as the winner is deleted at
 * once; the winning one waits {@link #SETTLE} for the losers of the same race to delete theirs, and holds if they did,
 * else deletes itself. The document is
 * never left deleted by this: should every branch have gone, the revision the writers started from is restored.
 */
final class Quorum {
    private static final Logger log = LoggerFactory.getLogger(Quorum.class);
    static final Duration SETTLE = Duration.ofMillis(500);

    private final CouchDatabase database;

    Quorum(CouchDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** Whether the write that made {@code rev} (from {@code parentRev}, null for a create) holds. */
    boolean holds(String id, String rev, String parentRev) {
        List<Leaf> live = Leaf.live(database.leaves(id));
        if (live.size() == 1 && live.get(0).rev().equals(rev)) {
            return true;
        }
        if (live.stream().noneMatch(leaf -> leaf.rev().equals(rev))) {
            return false;
        }
        if (!live.get(0).rev().equals(rev)) {
            dropLeaf(id, rev, parentRev);
            return false;
        }
        pause();
        live = Leaf.live(database.leaves(id));
        if (live.size() == 1 && live.get(0).rev().equals(rev)) {
            return true;
        }
        dropLeaf(id, rev, parentRev);
        return false;
    }

    /** Deletes the leaf {@code rev}; restores {@code parentRev}'s content should that leave the document deleted. */
    private void dropLeaf(String id, String rev, String parentRev) {
        try {
            database.deleteRevision(id, rev);
            if (parentRev != null && Leaf.live(database.leaves(id)).isEmpty()) {
                restore(id, parentRev);
            }
        } catch (StoreException e) {
            log.warn("could not remove the losing revision {} of {}: {} — dirt removes it later", rev, id,
                    e.getMessage());
        }
    }

    private void restore(String id, String parentRev) {
        Optional<JsonObject> parent = database.revision(id, parentRev);
        if (parent.isEmpty()) {
            log.warn("{}: every revision of a race was withdrawn and revision {} is no longer stored; the document"
                    + " stays deleted", id, parentRev);
            return;
        }
        database.put(parent.get().without("_rev").without("_deleted"));
        log.info("{}: every revision of a race was withdrawn; restored revision {}'s content", id, parentRev);
    }

    private static void pause() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while settling a write that missed the quorum", e);
        }
    }
}
