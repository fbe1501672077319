package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What {@code GET /} says about the server; {@code raw} keeps the whole answer. */
public record ServerInfo(String vendor, String version, ObjectNode raw) {
    public ServerInfo {
        requireNonNull(vendor, "vendor is null");
        requireNonNull(version, "version is null");
        requireNonNull(raw, "raw is null");
    }

    static ServerInfo from(ObjectNode raw) {
        return new ServerInfo(raw.path("vendor").path("name").asText(""), raw.path("version").asText(""), raw);
    }
}
