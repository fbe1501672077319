package dirt.notify;

import static dirt.config.NotifyEvent.COMPLETION;
import static dirt.config.NotifyEvent.FAILURE;
import static dirt.config.NotifyEvent.RECOVERY;
import static org.assertj.core.api.Assertions.assertThat;

import dirt.config.NotifyEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionTest {
    private static final Set<NotifyEvent> DEFAULT = Set.of(FAILURE, RECOVERY);

    /** The messages a run of results of one task name gets, "F" failed and "P" passed, each after the one before. */
    private static List<String> messages(Set<NotifyEvent> wanted, boolean nospam, String runs) {
        List<String> sent = new ArrayList<>();
        Optional<Boolean> previous = Optional.empty();
        for (char run : runs.toCharArray()) {
            boolean passed = run == 'P';
            Decision.decide(wanted, nospam, passed, previous).ifPresent(kind -> sent.add(kind.name()));
            previous = Optional.of(passed);
        }
        return sent;
    }

    @Test
    void a_broken_build_sends_one_message_with_nospam_not_one_per_run() {
        assertThat(messages(DEFAULT, true, "PFFFFF")).containsExactly("FAILED");
    }

    @Test
    void nospam_sends_on_every_change_of_status_and_only_then() {
        assertThat(messages(DEFAULT, true, "PFFPPFP")).containsExactly("FAILED", "RECOVERED", "FAILED", "RECOVERED");
    }

    @Test
    void without_nospam_every_failure_is_sent_and_repeats_say_still_failing() {
        assertThat(messages(DEFAULT, false, "FFPF")).containsExactly("FAILED", "STILL_FAILING", "RECOVERED",
                "FAILED");
    }

    @Test
    void the_first_result_of_a_name_that_fails_is_a_failure() {
        assertThat(Decision.decide(DEFAULT, true, false, Optional.empty())).contains(Kind.FAILED);
    }

    @Test
    void passes_send_nothing_unless_completion_is_wanted() {
        assertThat(messages(DEFAULT, true, "PPP")).isEmpty();
        assertThat(messages(DEFAULT, false, "PPP")).isEmpty();
    }

    @Test
    void completion_without_nospam_sends_every_result() {
        assertThat(messages(Set.of(COMPLETION), false, "PPFFP")).containsExactly("PASSED", "PASSED", "FAILED",
                "STILL_FAILING", "RECOVERED");
    }

    @Test
    void completion_with_nospam_sends_the_first_result_and_then_changes() {
        assertThat(messages(Set.of(COMPLETION), true, "PPFFP")).containsExactly("PASSED", "FAILED", "RECOVERED");
    }

    @Test
    void failure_alone_sends_no_recovery() {
        assertThat(messages(Set.of(FAILURE), true, "FPF")).containsExactly("FAILED", "FAILED");
    }

    @Test
    void recovery_alone_sends_no_failure() {
        assertThat(messages(Set.of(RECOVERY), true, "FFPF")).containsExactly("RECOVERED");
    }

    @Test
    void no_events_send_nothing() {
        assertThat(messages(Set.of(), false, "FPFP")).isEmpty();
    }
}
