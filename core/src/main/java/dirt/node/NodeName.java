package dirt.node;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The name of a node: the SSH host alias it was added by (e.g. {@code build7} or {@code localhost}), used in
 * {@code ssh_config} lookups, in the CLI and in a task's {@code node} field.
 *
 * <p><b>Document id scheme.</b> A node document's {@code _id} is {@code "node:" + name}, e.g. {@code node:build7}.
 * The original Python dirt keyed nodes by fully-qualified domain name; dirt keys them by the alias instead, because
 * the alias is what the user typed, what SSH connects to, and it stays stable when DNS changes. The prefix keeps node
 * ids apart from record and task ids in the same database, and makes adding a node that exists a conflict rather than
 * a duplicate. The probed {@code fqdn} is kept as a fact in {@code sys_info}.
 */
public record NodeName(String value) {
    /** The prefix of every node document id. */
    public static final String DOCUMENT_ID_PREFIX = "node:";

    public NodeName {
        requireNonNull(value, "value is null");
        problemWith(value).ifPresent(problem -> {
            throw new IllegalArgumentException("node name " + problem);
        });
    }

    /** What is wrong with {@code name} as a node name, e.g. {@code is blank}; empty when it is valid. */
    public static Optional<String> problemWith(String name) {
        if (name.isBlank()) {
            return Optional.of("is blank");
        }
        if (name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("must be one word without whitespace, got \"" + name + "\"");
        }
        return Optional.empty();
    }

    /** The {@code _id} of this node's document: {@code "node:" + name}. */
    public String documentId() {
        return DOCUMENT_ID_PREFIX + value;
    }

    /** The node name of a node document id, empty when {@code documentId} is not one. */
    public static Optional<NodeName> fromDocumentId(String documentId) {
        requireNonNull(documentId, "documentId is null");
        if (!documentId.startsWith(DOCUMENT_ID_PREFIX)) {
            return Optional.empty();
        }
        String name = documentId.substring(DOCUMENT_ID_PREFIX.length());
        return problemWith(name).isPresent() ? Optional.empty() : Optional.of(new NodeName(name));
    }

    @Override
    public String toString() {
        return value;
    }
}
