package dirt.match;

import static dirt.document.DocumentReader.quote;
import static java.util.Objects.requireNonNull;

/**
 * A requirement a node does not meet, and why, e.g. {@code "G4INSTALL in environ": environ has no key "G4INSTALL"}
 * or {@code "architecture is aarch64": architecture is "x86_64"}.
 *
 * @param requirement the first requirement of the task the node fails
 * @param reason why, without the line, e.g. {@code environ has no key "G4INSTALL"}
 */
public record Unmet(Requirement requirement, String reason) {
    public Unmet {
        requireNonNull(requirement, "requirement is null");
        requireNonNull(reason, "reason is null");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason is blank");
        }
    }

    /** The quoted line and the reason: {@code "architecture is aarch64": architecture is "x86_64"}. */
    public String message() {
        return quote(requirement.line()) + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
