package dirt.document;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

import dirt.DirtException;
import java.util.List;

/**
 * A document could not be parsed into a model type because it has problems; {@link #problems()} lists every one.
 * Callers that can continue (such as {@code serve}) validate first and handle the problems as data instead.
 */
public final class InvalidDocumentException extends DirtException {
    private final String type;
    private final String documentId;
    private final List<Problem> problems;

    /**
     * @param type the document type, e.g. {@code task}
     * @param documentId the {@code _id}, or {@code ""} when the document has none
     * @param problems at least one problem
     */
    public InvalidDocumentException(String type, String documentId, List<Problem> problems) {
        super(message(type, documentId, problems));
        this.type = type;
        this.documentId = documentId;
        this.problems = List.copyOf(problems);
    }

    private static String message(String type, String documentId, List<Problem> problems) {
        requireNonNull(type, "type is null");
        requireNonNull(documentId, "documentId is null");
        requireNonNull(problems, "problems is null");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        return "invalid " + type + " document: _id=" + DocumentReader.quote(documentId) + " problems=" + problems.size()
                + ": " + problems.stream().map(Problem::describe).collect(joining("; "))
                + " — fix the document and save it again";
    }

    public String type() {
        return type;
    }

    public String documentId() {
        return documentId;
    }

    public List<Problem> problems() {
        return problems;
    }
}
