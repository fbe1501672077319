package dirt.store.couch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Plants the revisions that writes through two nodes of a cluster leave behind, on any CouchDB-compatible server:
 * {@code _bulk_docs} with {@code new_edits: false} stores a revision with the history given, as replication does.
 */
public final class ConflictingRevisions {
    private ConflictingRevisions() {
    }

    /**
     * Stores {@code content} as revision {@code 2-HASH} on top of the document's revision {@code parentRev} (a
     * {@code 1-...} revision), next to any other child of it; returns the new revision.
     */
    public static String plantChild(TestCouch couch, CouchDatabase database, String parentRev, String hash,
            ObjectNode content) {
        if (!parentRev.startsWith("1-")) {
            throw new IllegalArgumentException("plantChild takes a 1- revision: " + parentRev);
        }
        String rev = "2-" + hash;
        ObjectNode doc = content.deepCopy().put("_rev", rev);
        doc.putObject("_revisions").put("start", 2).putArray("ids").add(hash).add(parentRev.substring(2));
        ObjectNode body = CouchJson.MAPPER.createObjectNode().put("new_edits", false);
        body.putArray("docs").add(doc);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(couch.config().url() + "/"
                + Urls.segment(database.name()) + "/_bulk_docs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CouchJson.bytes(body)));
        if (couch.config().hasCredentials()) {
            String pair = couch.config().user() + ":" + couch.config().password();
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("planting " + rev + " failed: " + response.statusCode() + " "
                        + response.body());
            }
            return rev;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
