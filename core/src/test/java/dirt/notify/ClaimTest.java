package dirt.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimTest {
    private static final Claim CLAIM = new Claim(DoubleNode.valueOf(1_700_000_002.5), Kind.RECOVERED,
            Optional.of("t0"), Claim.State.SENDING, "build7", "run-1", Instant.ofEpochSecond(1_700_000_003),
            Map.of("email", "sent"));

    @Test
    void a_claim_survives_its_round_trip_through_the_document_and_keeps_other_fields() throws Exception {
        ObjectNode doc = CompletedTask.of("t1").json();

        ObjectNode claimed = new ObjectMapper().readValue(CLAIM.applyTo(doc).toString(), ObjectNode.class);

        assertThat(Claim.of(claimed)).contains(CLAIM);
        assertThat(claimed.path("platform").asText()).isEqualTo("linux");
        assertThat(claimed.path("notified").path("completed").asDouble()).isEqualTo(1_700_000_002.5);
        assertThat(claimed.path("notified").path("state").asText()).isEqualTo("sending");
    }

    @Test
    void a_claim_is_for_a_completion_by_its_number_whatever_its_spelling() {
        assertThat(CLAIM.isFor(DecimalNode.valueOf(new BigDecimal("1700000002.50")))).isTrue();
        assertThat(CLAIM.isFor(DoubleNode.valueOf(1_700_000_002.6))).isFalse();
    }

    @Test
    void a_summary_claim_is_keyed_by_the_number_of_tasks() {
        Claim summary = new Claim(new ObjectMapper().valueToTree(4), Kind.RECORD_SUMMARY, Optional.empty(),
                Claim.State.SENT, "build7", "run-1", Instant.EPOCH, Map.of());

        ObjectNode json = summary.toJson();

        assertThat(json.path("tasks").asInt()).isEqualTo(4);
        assertThat(json.has("completed")).isFalse();
    }

    @Test
    void a_document_without_a_readable_claim_has_none() {
        ObjectNode doc = CompletedTask.of("t1").json();
        doc.putObject("notified").put("state", "whatever");

        assertThat(Claim.of(doc)).isEmpty();
        assertThat(Claim.of(CompletedTask.of("t2").json())).isEmpty();
    }
}
