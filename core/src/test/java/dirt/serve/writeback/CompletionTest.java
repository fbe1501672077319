package dirt.serve.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.couch.JacksonBridge;
import dirt.task.Results;
import dirt.task.Task;
import dirt.transport.RunAttachment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompletionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-22T12:00:00Z");

    private static Task task() throws Exception {
        return Task.fromJson(JacksonBridge.object((ObjectNode) JSON.readTree("{\"_id\": \"t1\", \"_rev\": \"2-a\", \"type\": \"task\", \"record_id\": \"r1\","
                + " \"name\": \"build\", \"started\": 1, \"node\": \"n\", \"platform\": \"linux\","
                + " \"_attachments\": {\"old.txt\": {\"stub\": true, \"content_type\": \"text/plain\"}}}")));
    }

    /** The document {@code new Completion(maxResultsBytes)} completes with the run's result and files, as a tree. */
    private static ObjectNode completed(long maxResultsBytes, ObjectNode result, RunAttachment... files)
            throws Exception {
        return JacksonBridge.tree(new Completion(maxResultsBytes).completed(task(),
                Results.fromJson(JacksonBridge.object(result)), List.of(files), AT));
    }

    private static RunAttachment file(String name, String link, String text) {
        return new RunAttachment(name, Optional.ofNullable(link), "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void results_files_and_links_are_written_in_one_document_keeping_fields_and_older_attachments() throws Exception {
        ObjectNode result = JSON.createObjectNode().put("success", true).put("sum", 4);

        ObjectNode doc = completed(1_000_000, result, file("build.log", "Build log", "ok"));

        assertThat(doc.path("completed").asLong()).isEqualTo(AT.getEpochSecond());
        assertThat(doc.path("results").path("sum").asInt()).isEqualTo(4);
        assertThat(doc.path("results").path("attach_links").get(0).path("id").asText()).isEqualTo("build.log");
        assertThat(doc.path("results").path("attach_links").get(0).path("name").asText()).isEqualTo("Build log");
        assertThat(doc.path("_attachments").path("old.txt").path("stub").asBoolean()).isTrue();
        String data = doc.path("_attachments").path("build.log").path("data").asText();
        assertThat(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(doc.path("platform").asText()).isEqualTo("linux");
    }

    @Test
    void results_over_the_limit_are_attached_whole_and_cut_down_with_a_note() throws Exception {
        ObjectNode result = JSON.createObjectNode().put("success", false).put("reason", "boom")
                .put("huge", "x".repeat(5000));

        ObjectNode doc = completed(1000, result);

        ObjectNode results = (ObjectNode) doc.path("results");
        assertThat(results.has("huge")).isFalse();
        assertThat(results.path("success").asBoolean()).isFalse();
        assertThat(results.path("reason").asText()).isEqualTo("boom");
        assertThat(results.path("results_truncated").asText()).contains("over the limit of 1000", "results.json");
        assertThat(doc.path("_attachments").has(Completion.FULL_RESULTS)).isTrue();
    }

    @Test
    void a_reason_longer_than_four_thousand_characters_is_cut_and_attached_whole() throws Exception {
        String reason = "r".repeat(3_000_000);
        ObjectNode result = JSON.createObjectNode().put("success", false).put("reason", reason);

        ObjectNode doc = completed(10_000_000, result);

        assertThat(doc.path("results").path("reason").asText())
                .startsWith("r".repeat(Results.MAX_REASON) + " … (cut:").hasSizeLessThan(4100)
                .endsWith("(cut: 3000000 characters in all); the whole reason is in results.json");
        String data = doc.path("_attachments").path(Completion.FULL_RESULTS).path("data").asText();
        String whole = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(whole).path("reason").asText()).isEqualTo(reason);
        assertThat(doc.path("results").has("results_truncated")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"report.html, text/html", "chart.svg, image/svg+xml", "junit.xml, application/xml",
            "x.js, application/javascript", "page.xhtml, application/xhtml+xml", "odd, text/html; charset=utf-8"})
    void a_file_that_could_run_script_in_the_site_is_stored_as_plain_text(String name, String sentAs) throws Exception {
        RunAttachment file = new RunAttachment(name, Optional.empty(), sentAs, "<script>alert(1)</script>"
                .getBytes(StandardCharsets.UTF_8));

        ObjectNode doc = completed(1_000_000, JSON.createObjectNode()
                .put("success", true), file);

        assertThat(doc.path("_attachments").path(name).path("content_type").asText()).isEqualTo("text/plain");
    }

    @ParameterizedTest
    @CsvSource({"plot.png, image/png", "data.csv, text/csv", "r.json, application/json", "a.bin, application/octet-stream"})
    void a_passive_file_keeps_its_type(String name, String type) throws Exception {
        RunAttachment file = new RunAttachment(name, Optional.empty(), type, new byte[] {1, 2});

        ObjectNode doc = completed(1_000_000, JSON.createObjectNode()
                .put("success", true), file);

        assertThat(doc.path("_attachments").path(name).path("content_type").asText()).isEqualTo(type);
    }

    @Test
    void a_file_name_couchdb_reserves_is_renamed() throws Exception {
        ObjectNode result = JSON.createObjectNode().put("success", true);

        ObjectNode doc = completed(1_000_000, result, file("_private", "p", "x"));

        assertThat(doc.path("_attachments").has("file_private")).isTrue();
        assertThat(doc.path("results").path("attach_links").get(0).path("id").asText()).isEqualTo("file_private");
    }
}
