package dirt.notify;

import dirt.config.NotifyEvent;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a completed task is worth a message, from the events wanted for its name, nospam, and how the previous
 * completed task of the same name ended. Pure logic: no I/O.
 */
final class Decision {
    private Decision() {
    }

    /**
     * The kind of message to send, or empty for none.
     *
     * @param wanted the events wanted for the task's name ({@code [notify] on}, or its rule's)
     * @param nospam send only when the status differs from the previous task's
     * @param passed whether this task passed
     * @param previousPassed whether the previous completed task of the name passed; empty when there was none
     */
    static Optional<Kind> decide(Set<NotifyEvent> wanted, boolean nospam, boolean passed,
            Optional<Boolean> previousPassed) {
        boolean changed = previousPassed.map(previous -> previous != passed).orElse(true);
        if (nospam && !changed) {
            return Optional.empty();
        }
        boolean everything = wanted.contains(NotifyEvent.COMPLETION);
        if (!passed) {
            boolean wantsFailure = everything || wanted.contains(NotifyEvent.FAILURE);
            return wantsFailure ? Optional.of(changed ? Kind.FAILED : Kind.STILL_FAILING) : Optional.empty();
        }
        if (previousPassed.equals(Optional.of(false))) {
            boolean wantsRecovery = everything || wanted.contains(NotifyEvent.RECOVERY);
            return wantsRecovery ? Optional.of(Kind.RECOVERED) : Optional.empty();
        }
        return everything ? Optional.of(Kind.PASSED) : Optional.empty();
    }
}
