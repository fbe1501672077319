package dirt.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whole_seconds_are_written_as_an_integer() {
        assertThat(DocumentWriter.epochSeconds(Instant.ofEpochSecond(1315347385)).toString()).isEqualTo("1315347385");
    }

    @Test
    void fractional_seconds_are_written_as_a_decimal() {
        assertThat(DocumentWriter.epochSeconds(Instant.ofEpochSecond(1315347385, 250_000_000)).toString())
                .isEqualTo("1315347385.25");
    }

    @Test
    void written_fractional_seconds_read_back_to_the_microsecond() throws Exception {
        Instant at = Instant.ofEpochSecond(1315347385, 123_456_789);
        ObjectNode written = DocumentWriter.empty().epochSeconds("completed", at).toJson();
        ObjectNode reparsed = (ObjectNode) JSON.readTree(JSON.writeValueAsString(written));
        assertThat(new DocumentReader(reparsed).epochSeconds("completed"))
                .contains(Instant.ofEpochSecond(1315347385, 123_456_000));
    }

    @Test
    void writer_never_modifies_the_original() throws Exception {
        ObjectNode original = (ObjectNode) JSON.readTree("{\"a\": 1}");
        DocumentWriter.copyOf(original).string("b", "x").remove("a").toJson();
        assertThat(original.toString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void a_time_already_written_as_the_same_instant_keeps_its_form() throws Exception {
        ObjectNode original = (ObjectNode) JSON.readTree("{\"created\": 1315347385.0}");

        ObjectNode written = DocumentWriter.copyOf(original).epochSeconds("created", Instant.ofEpochSecond(1315347385))
                .toJson();

        assertThat(written).isEqualTo(original);
    }

    @Test
    void whole_seconds_beyond_the_int_range_are_written_as_a_long() {
        assertThat(DocumentWriter.epochSeconds(Instant.ofEpochSecond(4_000_000_000L)).isLong()).isTrue();
    }
}
