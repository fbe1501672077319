package dirt.web;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The design document {@code _design/dirt}: the site's views and its {@code validate_doc_update} function. The pages
 * are not in it: {@link SiteServer} serves them (CouchDB 3 sandboxes every attachment, so a page served by CouchDB
 * cannot run its script). The document carries a hash of its content in {@code dirt.version}; installing an unchanged
 * design document writes nothing.
 */
public final class Site {
    /** The design document's id. */
    public static final String DESIGN_ID = "_design/dirt";

    private static final String ROOT = "/dirt/web/";
    private static final List<String> VIEWS =
            List.of("records", "tasks_by_record", "tasks_by_name", "status_counts", "nodes", "running_by_node",
                    "outcomes_by_node", "runs_by_node", "completed_by_hour", "schedules");
    private static final List<String> REDUCED = List.of("status_counts", "outcomes_by_node", "completed_by_hour");

    private Site() {}

    /** The design document for the project {@code projectName}, with its version hash. */
    public static JsonObject designDocument(String projectName) {
        requireNonNull(projectName, "projectName is null");
        JsonObject.Builder views = JsonObject.builder();
        for (String view : VIEWS) {
            JsonObject.Builder functions = JsonObject.builder().put("map", text("design/views/" + view + ".map.js"));
            if (REDUCED.contains(view)) {
                functions.put("reduce", text("design/views/" + view + ".reduce.js").strip());
            }
            views.put(view, functions.build());
        }
        JsonObject doc = JsonObject.builder().put("_id", DESIGN_ID).put("language", "javascript")
                .put("views", views.build()).put("validate_doc_update", text("design/validate_doc_update.js")).build();
        JsonObject dirt = JsonObject.builder().put("project", projectName).put("version", hash(doc, projectName)).build();
        return doc.with("dirt", dirt);
    }

    /**
     * Installs or updates the design document in {@code store}'s database. Returns whether it wrote: one with exactly
     * this content is left alone; any other (an older version, one that still carries the pages as attachments, one
     * whose views or validation someone changed by hand) is replaced.
     */
    public static boolean install(Store store, String projectName) {
        return store.ensureDocument(designDocument(projectName));
    }

    private static String hash(JsonObject doc, String projectName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Json.bytes(doc));
            sha.update(projectName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the design document: " + e.getMessage(), e);
        }
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Site.class.getResourceAsStream(ROOT + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ROOT + resource + " — the dirt-web jar is broken");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + ROOT + resource, e);
        }
    }
}
