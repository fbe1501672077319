package dirt.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.document.InvalidDocumentException;
import dirt.document.Problem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The record of the seed's document model, as written there. */
    private static final String SEED_R123 = """
            {
            "_id": "r123",
            "type": "record",
            "description": "this is revision one two three",
            "created": 1315347385
            }""";

    private static JsonObject json(String text) {
        return Json.parseObject(text);
    }

    @Test
    void seed_record_r123_parses_as_is() throws Exception {
        Record record = Record.fromJson(json(SEED_R123));

        assertThat(record.id()).isEqualTo(new RecordId("r123"));
        assertThat(record.description()).contains("this is revision one two three");
        assertThat(record.created()).contains(Instant.ofEpochSecond(1315347385));
        assertThat(record.rev()).isEmpty();
    }

    @Test
    void seed_record_writes_back_unchanged() throws Exception {
        assertThat(Record.fromJson(json(SEED_R123)).toJson()).isEqualTo(json(SEED_R123));
    }

    @Test
    void unknown_fields_survive_a_write_back() throws Exception {
        JsonObject original = json("{\"_id\": \"r1\", \"_rev\": \"1-a\", \"type\": \"record\", \"author\": \"ann\"}");

        JsonObject written = Record.fromJson(original).toJson();

        assertThat(written.string("author")).contains("ann");
        assertThat(written.string("_rev")).contains("1-a");
    }

    @Test
    void validation_lists_every_problem_at_once() throws Exception {
        JsonObject bad = json("{\"type\": \"task\", \"description\": 5, \"created\": \"today\"}");

        assertThat(Record.validate(bad)).extracting(Problem::describe).containsExactly(
                "_id is missing — give the record an id such as \"r123\"",
                "type must be \"record\", got \"task\"",
                "description must be a string, got 5",
                "created must be a number of seconds since the epoch, got \"today\"");
    }

    @Test
    void valid_record_has_no_problems() throws Exception {
        assertThat(Record.validate(json(SEED_R123))).isEmpty();
    }

    @Test
    void parsing_an_invalid_record_fails_with_every_problem_in_the_message() throws Exception {
        assertThatThrownBy(() -> Record.fromJson(json("{\"_id\": \"r9\", \"type\": \"record\", \"created\": true}")))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessage("invalid record document: _id=\"r9\" problems=1: created must be a number of seconds "
                        + "since the epoch, got true — fix the document and save it again");
    }
}
