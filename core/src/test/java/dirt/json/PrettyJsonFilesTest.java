package dirt.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PrettyJsonFilesTest {
    @Test
    void files_are_laid_out_as_jacksons_default_pretty_printer_wrote_them() throws Exception {
        String text = "{\"user\":\"admin\",\"httpd\":{\"enable_cors\":false,\"port\":5984,\"empty\":{}},"
                + "\"list\":[1,\"two\",{\"three\":3},[],true,null],\"none\":[],\"quote\":\"a \\\"b\\\" \\\\ é\"}";
        ObjectMapper jackson = new ObjectMapper();

        assertThat(PrettyJson.text(Json.parse(text)))
                .isEqualTo(jackson.writerWithDefaultPrettyPrinter().writeValueAsString(jackson.readTree(text)));
    }
}
