package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code _bulk_docs} answers are matched to the documents sent by id, whatever order the server answers in. */
class BulkOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode doc(String id) {
        return JSON.createObjectNode().put("_id", id);
    }

    private static JsonNode answer(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void rows_answered_out_of_order_are_matched_to_their_documents_by_id() throws Exception {
        List<JsonNode> rows = CouchDatabase.inRequestOrder(
                JacksonBridge.objects(List.of(doc("slot:a:1"), doc("slot:a:0"), doc("slot:b:0"))),
                answer("[{\"id\": \"slot:b:0\", \"rev\": \"1-b\"}, {\"id\": \"slot:a:1\", \"error\": \"conflict\"},"
                        + " {\"id\": \"slot:a:0\", \"rev\": \"1-a\"}]"));

        assertThat(rows).extracting(row -> row.path("id").asText()).containsExactly("slot:a:1", "slot:a:0", "slot:b:0");
        assertThat(rows.get(0).path("error").asText()).isEqualTo("conflict");
    }

    @Test
    void rows_for_documents_without_distinct_ids_are_taken_as_they_come() throws Exception {
        List<JsonNode> rows = CouchDatabase.inRequestOrder(JacksonBridge.objects(List.of(doc("t1"), doc("t1"))),
                answer("[{\"id\": \"t1\", \"rev\": \"2-x\"}, {\"id\": \"t1\", \"error\": \"conflict\"}]"));

        assertThat(rows).extracting(row -> row.path("rev").asText("-")).containsExactly("2-x", "-");
    }
}
