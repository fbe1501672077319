package dirt.serve.writeback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JacksonBridge;
import dirt.task.AttachLink;
import dirt.task.Results;
import dirt.task.Task;
import dirt.transport.RunAttachment;
import dirt.transport.RunOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The task document after a run: {@code completed}, {@code results} (the task's values plus {@code success},
 * {@code reason}, {@code attach_links}) and the run's files as inline CouchDB attachments, all in one write. Results
 * larger than the limit are attached whole as {@code results.json} and cut down in the document, with a note.
 */
public final class Completion {
    static final String FULL_RESULTS = "results.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxResultsBytes;

    public Completion(long maxResultsBytes) {
        this.maxResultsBytes = maxResultsBytes;
    }

    public ObjectNode completed(Task current, RunOutcome outcome, Instant at) {
        List<RunAttachment> files = new ArrayList<>(outcome.attachments());
        Results read = Results.fromJson(outcome.result());
        List<AttachLink> links = new ArrayList<>(read.attachLinks());
        for (RunAttachment file : files) {
            file.linkName().ifPresent(name -> links.add(new AttachLink(attachmentName(file.name()), name)));
        }
        ObjectNode results = JacksonBridge.tree(new Results(read.success(), read.reason(), links, read.document()).toJson());
        byte[] serialized = results.toString().getBytes(StandardCharsets.UTF_8);
        if (serialized.length > maxResultsBytes) {
            files.add(new RunAttachment(FULL_RESULTS, Optional.empty(), "application/json", serialized));
            results = trimmed(results, serialized.length);
        }
        ObjectNode doc = JacksonBridge.tree(current.markCompleted(Results.fromJson(JacksonBridge.object(results)), at));
        ObjectNode attachments = doc.has("_attachments") ? (ObjectNode) doc.get("_attachments")
                : doc.putObject("_attachments");
        for (RunAttachment file : files) {
            attachments.putObject(attachmentName(file.name())).put("content_type", StoredTypes.of(file.contentType()))
                    .put("data", Base64.getEncoder().encodeToString(file.data()));
        }
        if (attachments.isEmpty()) {
            doc.remove("_attachments");
        }
        return doc;
    }

    /**
     * {@code doc} with a failed attempt's files kept as inline attachments named {@code attempt-N/NAME}, for a task
     * that runs again: the output of every try stays readable.
     */
    public static ObjectNode withAttemptFiles(ObjectNode doc, RunOutcome outcome, int attempt) {
        if (outcome.attachments().isEmpty()) {
            return doc;
        }
        ObjectNode attachments = doc.has("_attachments") ? (ObjectNode) doc.get("_attachments")
                : doc.putObject("_attachments");
        for (RunAttachment file : outcome.attachments()) {
            attachments.putObject("attempt-" + attempt + "/" + file.name())
                    .put("content_type", StoredTypes.of(file.contentType()))
                    .put("data", Base64.getEncoder().encodeToString(file.data()));
        }
        return doc;
    }

    /** CouchDB reserves attachment names that start with an underscore. */
    static String attachmentName(String fileName) {
        return fileName.startsWith("_") ? "file" + fileName : fileName;
    }

    /** The document of a task that ended without running, e.g. an unknown task name. */
    public static ObjectNode failed(Task current, String reason, Instant at) {
        return JacksonBridge.tree(current.markCompleted(Results.failed(reason), at));
    }

    private ObjectNode trimmed(ObjectNode results, int size) {
        ObjectNode small = JSON.createObjectNode();
        for (String kept : List.of("success", "reason")) {
            if (results.has(kept)) {
                small.set(kept, results.get(kept));
            }
        }
        small.putArray("attach_links").addAll(results.withArray("attach_links"))
                .addObject().put("id", FULL_RESULTS).put("name", "Full results");
        small.put("results_truncated", String.format(
                "the results were %d bytes, over the limit of %d ([serve] max_results_bytes): they are attached"
                        + " whole as %s", size, maxResultsBytes, FULL_RESULTS));
        return small;
    }
}
