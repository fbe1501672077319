package dirt.serve.writeback;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.task.AttachLink;
import dirt.task.Results;
import dirt.task.Task;
import dirt.transport.RunAttachment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The task document after a run: {@code completed}, {@code results} (the task's values plus {@code success},
 * {@code reason}, {@code attach_links}) and the run's files as inline CouchDB attachments, all in one write. Results
 * larger than the limit are attached whole as {@code results.json} and cut down in the document, with a note; so are
 * results whose reason is longer than {@link Results#MAX_REASON}, whose reason is cut.
 */
public final class Completion {
    static final String FULL_RESULTS = "results.json";

    private final long maxResultsBytes;

    public Completion(long maxResultsBytes) {
        this.maxResultsBytes = maxResultsBytes;
    }

    /** The document of {@code current} completed at {@code at} with the run's results {@code read} and files. */
    public JsonObject completed(Task current, Results read, List<RunAttachment> runFiles, Instant at) {
        List<RunAttachment> files = new ArrayList<>(runFiles);
        List<AttachLink> links = new ArrayList<>(read.attachLinks());
        for (RunAttachment file : files) {
            file.linkName().ifPresent(name -> links.add(new AttachLink(attachmentName(file.name()), name)));
        }
        JsonObject results = new Results(read.success(), read.reason(), links, read.document()).toJson();
        byte[] serialized = Json.bytes(results);
        Optional<String> longReason = read.reason().filter(reason -> reason.length() > Results.MAX_REASON);
        if (serialized.length > maxResultsBytes || longReason.isPresent()) {
            files.add(new RunAttachment(FULL_RESULTS, Optional.empty(), "application/json", serialized));
        }
        if (serialized.length > maxResultsBytes) {
            results = trimmed(results, serialized.length);
        }
        if (longReason.isPresent()) {
            results = results.with("reason", Results.shortReason(longReason.get()) + "; the whole reason is in "
                    + FULL_RESULTS);
        }
        return withFiles(current.markCompleted(Results.fromJson(results), at), files, "");
    }

    /**
     * {@code doc} with a failed attempt's files kept as inline attachments named {@code attempt-N/NAME}, for a task
     * that runs again: the output of every try stays readable.
     */
    public static JsonObject withAttemptFiles(JsonObject doc, List<RunAttachment> files, int attempt) {
        return files.isEmpty() ? doc : withFiles(doc, files, "attempt-" + attempt + "/");
    }

    /** {@code doc} with the files added to its {@code _attachments}, under {@code prefix} and their names. */
    private static JsonObject withFiles(JsonObject doc, List<RunAttachment> files, String prefix) {
        JsonObject.Builder attachments = doc.object("_attachments").orElse(JsonObject.EMPTY).toBuilder();
        for (RunAttachment file : files) {
            String name = prefix.isEmpty() ? attachmentName(file.name()) : prefix + file.name();
            attachments.put(name, JsonObject.builder().put("content_type", StoredTypes.of(file.contentType()))
                    .put("data", Base64.getEncoder().encodeToString(file.data())).build());
        }
        JsonObject all = attachments.build();
        return all.isEmpty() ? doc.without("_attachments") : doc.with("_attachments", all);
    }

    /** CouchDB reserves attachment names that start with an underscore. */
    static String attachmentName(String fileName) {
        return fileName.startsWith("_") ? "file" + fileName : fileName;
    }

    /** The document of a task that ended without running, e.g. an unknown task name. */
    public static JsonObject failed(Task current, String reason, Instant at) {
        return current.markCompleted(Results.failed(reason), at);
    }

    private JsonObject trimmed(JsonObject results, int size) {
        JsonObject.Builder small = JsonObject.builder();
        for (String kept : List.of("success", "reason")) {
            results.get(kept).ifPresent(value -> small.put(kept, value));
        }
        JsonObject fullResults = JsonObject.builder().put("id", FULL_RESULTS).put("name", "Full results").build();
        return small.put("attach_links", results.array("attach_links").orElse(JsonArray.EMPTY).with(fullResults))
                .put("results_truncated", String.format(
                        "the results were %d bytes, over the limit of %d ([serve] max_results_bytes): they are"
                                + " attached whole as %s", size, maxResultsBytes, FULL_RESULTS))
                .build();
    }
}
