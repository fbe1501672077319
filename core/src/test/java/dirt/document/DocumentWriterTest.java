package dirt.document;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.Json;
import dirt.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentWriterTest {
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
    void written_fractional_seconds_read_back_to_the_microsecond() {
        Instant at = Instant.ofEpochSecond(1315347385, 123_456_789);
        JsonObject written = DocumentWriter.empty().epochSeconds("completed", at).build();
        JsonObject reparsed = Json.parseObject(Json.write(written));
        assertThat(new DocumentReader(reparsed).epochSeconds("completed"))
                .contains(Instant.ofEpochSecond(1315347385, 123_456_000));
    }

    @Test
    void fields_the_caller_does_not_own_survive_in_their_order() {
        JsonObject original = Json.parseObject("{\"a\": 1, \"platform\": \"linux\", \"b\": 2}");

        JsonObject written = DocumentWriter.copyOf(original).string("b", "x").remove("a").bool("c", true).build();

        assertThat(Json.write(written)).isEqualTo("{\"platform\":\"linux\",\"b\":\"x\",\"c\":true}");
        assertThat(Json.write(original)).isEqualTo("{\"a\":1,\"platform\":\"linux\",\"b\":2}");
    }

    @Test
    void a_time_already_written_as_the_same_instant_keeps_its_form() {
        JsonObject original = Json.parseObject("{\"created\": 1315347385.0}");

        JsonObject written = DocumentWriter.copyOf(original).epochSeconds("created", Instant.ofEpochSecond(1315347385))
                .build();

        assertThat(Json.write(written)).isEqualTo("{\"created\":1315347385.0}");
    }

    @Test
    void whole_seconds_beyond_the_int_range_are_written_whole() {
        assertThat(DocumentWriter.epochSeconds(Instant.ofEpochSecond(4_000_000_000L)).longValue())
                .isEqualTo(4_000_000_000L);
    }
}
