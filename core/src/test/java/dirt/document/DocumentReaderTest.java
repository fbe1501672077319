package dirt.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.store.couch.JacksonBridge;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DocumentReader reader(String json) throws Exception {
        return new DocumentReader(JacksonBridge.value(JSON.readTree(json)));
    }

    @Test
    void whole_epoch_seconds_read_as_an_instant() throws Exception {
        assertThat(reader("{\"created\": 1315347385}").epochSeconds("created"))
                .contains(Instant.ofEpochSecond(1315347385));
    }

    @Test
    void fractional_epoch_seconds_keep_the_fraction() throws Exception {
        assertThat(reader("{\"completed\": 1315347385.123456}").epochSeconds("completed"))
                .contains(Instant.ofEpochSecond(1315347385, 123_456_000));
    }

    @Test
    void epoch_seconds_that_are_not_a_number_are_a_problem() throws Exception {
        DocumentReader in = reader("{\"created\": \"yesterday\"}");
        assertThat(in.epochSeconds("created")).isEmpty();
        assertThat(in.problems()).extracting(Problem::describe)
                .containsExactly("created must be a number of seconds since the epoch, got \"yesterday\"");
    }

    @Test
    void epoch_seconds_out_of_range_are_a_problem() throws Exception {
        DocumentReader in = reader("{\"created\": 1e300}");
        assertThat(in.epochSeconds("created")).isEmpty();
        assertThat(in.problems()).extracting(Problem::describe)
                .containsExactly("created is out of range for a time in seconds since the epoch, got 1.0E300");
    }

    @Test
    void json_null_reads_as_absent() throws Exception {
        DocumentReader in = reader("{\"command\": null}");
        assertThat(in.string("command")).isEmpty();
        assertThat(in.problems()).isEmpty();
    }

    @Test
    void document_that_is_not_an_object_is_a_problem() throws Exception {
        assertThat(reader("[1]").problems()).extracting(Problem::describe)
                .containsExactly("document must be a JSON object, got [1]");
    }

    @Test
    void long_offending_values_are_shortened_in_messages() {
        JsonNode text = JSON.getNodeFactory().textNode("x".repeat(200));
        assertThat(DocumentReader.show(JacksonBridge.value(text))).hasSize(81).endsWith("…");
    }
}
