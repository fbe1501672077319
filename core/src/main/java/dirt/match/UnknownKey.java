package dirt.match;

import dirt.DidYouMean;
import static dirt.document.DocumentReader.quote;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A requirement naming a fact no registered node has: most likely a typo, so the task fails rather than waits.
 * Message: {@code unknown key "archi" in requirement "archi is x86_64" — did you mean "architecture"? known keys:
 * architecture, cpu_count, environ, path}.
 *
 * @param requirement the first requirement whose key no node has
 * @param knownKeys the facts the nodes do have, sorted and without duplicates; never empty
 */
public record UnknownKey(Requirement requirement, List<String> knownKeys) implements Placement {
    public UnknownKey {
        requireNonNull(requirement, "requirement is null");
        knownKeys = List.copyOf(new TreeSet<>(requireNonNull(knownKeys, "knownKeys is null")));
        if (knownKeys.isEmpty()) {
            throw new IllegalArgumentException("knownKeys is empty: without known keys no key is unknown");
        }
        if (knownKeys.contains(requirement.key())) {
            throw new IllegalArgumentException("key " + quote(requirement.key()) + " is known");
        }
    }

    /** The known key closest to the requirement's key, when it looks like a typo of it. */
    public Optional<String> suggestion() {
        return DidYouMean.closest(requirement.key(), knownKeys);
    }

    /** Why the task fails, with the closest known key and all known keys. */
    public String message() {
        String hint = swapped().or(() -> suggestion().map(s -> "did you mean " + quote(s) + "? ")).orElse("");
        return "unknown key " + quote(requirement.key()) + " in requirement " + quote(requirement.line()) + " — "
                + hint + "known keys: " + String.join(", ", knownKeys);
    }

    /** For {@code environ not_in HOME}: {@code in} and {@code not_in} put the value first, and the value is a key. */
    private Optional<String> swapped() {
        if (!requirement.operator().valueFirst() || !knownKeys.contains(requirement.value())) {
            return Optional.empty();
        }
        return Optional.of(requirement.operator().word() + " puts the value first: did you mean "
                + quote(requirement.key() + " " + requirement.operator().word() + " " + requirement.value()) + "? ");
    }

    @Override
    public String toString() {
        return message();
    }
}
