package dirt.notify;

import dirt.json.JsonObject;
import dirt.store.Store;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes {@link Claim}s onto documents. Each write applies the claim to the document as it is now and is guarded by
 * its {@code _rev}: when someone else wrote in between (serve, a user, another notifier), the document is read again
 * and the write re-checked, so no other field is ever lost and two notifiers never both claim one completion.
 */
final class Marks {

    private final Store store;

    Marks(Store store) {
        this.store = store;
    }

    /**
     * Stores {@code claim} on the document {@code id} if {@code allowed} accepts the document as it is now.
     *
     * @return the stored document; empty when the document is gone or was not accepted
     * @throws ConflictException when the document kept changing under every attempt
     */
    Optional<JsonObject> write(String id, Predicate<JsonObject> allowed, Claim claim) {
        return store.updateClaim(id, current -> allowed.test(current) ? claim.applyTo(current) : null);
    }

    /** Accepts a document that has no claim about {@code claim}'s completion yet. */
    static Predicate<JsonObject> unclaimed(Claim claim) {
        return doc -> Claim.of(doc).filter(existing -> existing.isFor(claim.key())).isEmpty();
    }

    /** Accepts a document whose claim is still {@code claim}'s (same completion, same run). */
    static Predicate<JsonObject> heldBy(Claim claim) {
        return doc -> Claim.of(doc).filter(existing -> existing.isFor(claim.key())
                && existing.run().equals(claim.run()) && existing.state() == Claim.State.SENDING).isPresent();
    }
}
