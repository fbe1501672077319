package dirt.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a task returns: success or failure with a reason, extra fields, and attachments. Immutable: {@link #with}
 * and {@link #attach} return a new result.
 *
 * <pre>{@code
 * Path log = context.workDir().resolve("build.log");
 * ...
 * return Result.success()
 *         .with("warnings", 3)
 *         .attach(log, "Build log");
 * }</pre>
 *
 * <p>dirt stores a result in the task document as {@code {"success": true, "reason": …, …fields…}}, with each
 * attachment as a CouchDB attachment; an attachment with a link name is linked from the results page.
 */
public final class Result {
    /** Keys dirt writes itself into a task's results; {@link #with} refuses them. */
    public static final Set<String> RESERVED_KEYS = Set.of("success", "reason", "attachments", "attach_links");

    private static final Result SUCCESS = new Result(true, null, Map.of(), List.of());

    private final boolean success;
    private final String reason;
    private final Map<String, Object> values;
    private final List<Attachment> attachments;

    private Result(boolean success, String reason, Map<String, Object> values, List<Attachment> attachments) {
        this.success = success;
        this.reason = reason;
        this.values = values;
        this.attachments = attachments;
    }

    /** A successful result without fields. */
    public static Result success() {
        return SUCCESS;
    }

    /** A failed result; {@code reason} says what went wrong, e.g. {@code "g++ failed with exit code 1"}. */
    public static Result failure(String reason) {
        requireNonNull(reason, "failure reason is null — say what went wrong");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("failure reason is blank — say what went wrong");
        }
        return new Result(false, reason, Map.of(), List.of());
    }

    /**
     * This result as its {@link Task#check recheck} decided: a success when {@code passed}, else a failure with
     * {@code reason}; its fields and attachments stay.
     */
    public Result recheckedAs(boolean passed, String reason) {
        if (!passed) {
            requireNonNull(reason, "failure reason is null — say what went wrong");
        }
        return new Result(passed, passed ? null : reason, values, attachments);
    }

    /**
     * This result with the extra field {@code key} (replacing an earlier value of the same key).
     *
     * @param value a JSON value: String, Number, Boolean, null, or a List or Map&lt;String, ?&gt; of those
     * @throws IllegalArgumentException if the key is reserved or the value is not JSON
     */
    public Result with(String key, Object value) {
        requireNonNull(key, "result key is null");
        if (RESERVED_KEYS.contains(key)) {
            throw new IllegalArgumentException(String.format(
                    "result key \"%s\" is reserved — use Result.success(), Result.failure(reason) and attach(…)"
                            + " instead, or pick another key",
                    key));
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, JsonValues.copy(value, "result value \"" + key + "\""));
        return new Result(success, reason, Collections.unmodifiableMap(copy), attachments);
    }

    /** This result with {@code file} attached without a link; {@code file} must be an absolute path. */
    public Result attach(Path file) {
        return attach(Attachment.ofFile(file, null));
    }

    /**
     * This result with {@code file} attached, linked as {@code linkName} on the results page.
     *
     * @param file an existing file, as an absolute path, e.g. {@code context.workDir().resolve("build.log")}
     * @param linkName the link's text, or null for no link
     */
    public Result attach(Path file, String linkName) {
        return attach(Attachment.ofFile(file, linkName));
    }

    /**
     * This result with {@code contents} attached as {@code fileName}, linked as {@code linkName} (null for no link).
     */
    public Result attach(String fileName, byte[] contents, String linkName) {
        return attach(Attachment.ofContents(fileName, contents, linkName));
    }

    private Result attach(Attachment attachment) {
        for (Attachment existing : attachments) {
            if (existing.fileName().equals(attachment.fileName())) {
                throw new IllegalArgumentException(String.format(
                        "an attachment named \"%s\" is already attached — give each attachment its own file name",
                        attachment.fileName()));
            }
        }
        List<Attachment> copy = new ArrayList<>(attachments);
        copy.add(attachment);
        return new Result(success, reason, values, List.copyOf(copy));
    }

    /** Whether the task succeeded. */
    public boolean isSuccess() {
        return success;
    }

    /** Why the task failed; empty for a successful result. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The extra fields, unmodifiable, in the order they were added. */
    public Map<String, Object> values() {
        return values;
    }

    /** The attachments, in the order they were attached. */
    public List<Attachment> attachments() {
        return attachments;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Result that
                && success == that.success
                && Objects.equals(reason, that.reason)
                && values.equals(that.values)
                && attachments.equals(that.attachments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(success, reason, values, attachments);
    }

    @Override
    public String toString() {
        return "Result[success=" + success + (reason == null ? "" : ", reason=" + reason) + ", values=" + values
                + ", attachments=" + attachments + "]";
    }
}
