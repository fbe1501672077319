package dirt.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.Json;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimTest {
    private static final Claim CLAIM = new Claim(JsonNumber.of(new BigDecimal("1700000002.5")), Kind.RECOVERED,
            Optional.of("t0"), Claim.State.SENDING, "build7", "run-1", Instant.ofEpochSecond(1_700_000_003),
            Map.of("email", "sent"));

    @Test
    void a_claim_survives_its_round_trip_through_the_document_and_keeps_other_fields() {
        JsonObject doc = CompletedTask.of("t1").object();

        JsonObject claimed = Json.parseObject(Json.write(CLAIM.applyTo(doc)));

        assertThat(Claim.of(claimed)).contains(CLAIM);
        assertThat(claimed.string("platform")).contains("linux");
        JsonObject notified = claimed.object("notified").orElseThrow();
        assertThat(notified.number("completed").orElseThrow().doubleValue()).isEqualTo(1_700_000_002.5);
        assertThat(notified.string("state")).contains("sending");
    }

    @Test
    void a_claim_is_for_a_completion_by_its_number_whatever_its_spelling() {
        assertThat(CLAIM.isFor(JsonNumber.of(new BigDecimal("1700000002.50")))).isTrue();
        assertThat(CLAIM.isFor(JsonNumber.of(new BigDecimal("1.7000000025E9")))).isTrue();
        assertThat(CLAIM.isFor(JsonNumber.of(new BigDecimal("1700000002.6")))).isFalse();
    }

    @Test
    void a_summary_claim_is_keyed_by_the_number_of_tasks() {
        Claim summary = new Claim(JsonNumber.of(4), Kind.RECORD_SUMMARY, Optional.empty(),
                Claim.State.SENT, "build7", "run-1", Instant.EPOCH, Map.of());

        JsonObject json = summary.json();

        assertThat(json.number("tasks").orElseThrow().intValue()).isEqualTo(4);
        assertThat(json.has("completed")).isFalse();
    }

    @Test
    void a_claim_names_a_previous_key_as_its_number_prints() {
        assertThat(CLAIM.keyText()).isEqualTo("1.7000000025E9");
        assertThat(new Claim(JsonNumber.of(1_700_000_002L), Kind.FACTS_CHANGED, Optional.empty(), Claim.State.SENT,
                "build7", "run-1", Instant.EPOCH, Map.of()).keyText()).isEqualTo("1700000002");
    }

    @Test
    void a_document_without_a_readable_claim_has_none() {
        JsonObject doc = CompletedTask.of("t1").object()
                .with("notified", JsonObject.builder().put("state", "whatever").build());

        assertThat(Claim.of(doc)).isEmpty();
        assertThat(Claim.of(CompletedTask.of("t2").object())).isEmpty();
    }
}
