package dirt.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The design document {@code _design/dirt}: the site's views, its {@code validate_doc_update} function and its pages
 * as attachments, so that CouchDB serves the site itself at {@code /DB/_design/dirt/index.html}. The document carries
 * a hash of its content in {@code dirt.version}; installing an unchanged site writes nothing.
 */
public final class Site {
    /** The design document's id. */
    public static final String DESIGN_ID = "_design/dirt";
    /** The site's front page, relative to the database URL. */
    public static final String INDEX_PATH = DESIGN_ID + "/index.html";

    private static final String ROOT = "/dirt/web/";
    private static final Map<String, String> PAGES = pages();
    private static final String HEADER_INCLUDE = "<!--#include header.html-->";
    private static final List<String> VIEWS =
            List.of("records", "tasks_by_record", "tasks_by_name", "status_counts", "nodes", "running_by_node",
                    "schedules");
    private static final List<String> REDUCED = List.of("status_counts");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Site() {}

    /** The design document for the project {@code projectName}, attachments inline, with its version hash. */
    public static ObjectNode designDocument(String projectName) {
        requireNonNull(projectName, "projectName is null");
        ObjectNode doc = JSON.createObjectNode().put("_id", DESIGN_ID).put("language", "javascript");
        ObjectNode views = doc.putObject("views");
        for (String view : VIEWS) {
            ObjectNode functions = views.putObject(view).put("map", text("design/views/" + view + ".map.js"));
            if (REDUCED.contains(view)) {
                functions.put("reduce", text("design/views/" + view + ".reduce.js").strip());
            }
        }
        doc.put("validate_doc_update", text("design/validate_doc_update.js"));
        ObjectNode attachments = doc.putObject("_attachments");
        PAGES.forEach((name, type) -> attachments.putObject(name).put("content_type", type)
                .put("data", Base64.getEncoder().encodeToString(page(name))));
        ObjectNode dirt = JSON.createObjectNode().put("project", projectName).put("version", hash(doc, projectName));
        doc.set("dirt", dirt);
        return doc;
    }

    /**
     * Installs or updates the site in {@code store}'s database. Returns whether it wrote: an installed site of the
     * same version and project is left alone.
     */
    public static boolean install(Store store, String projectName) {
        ObjectNode wanted = designDocument(projectName);
        Optional<ObjectNode> current = store.get(DESIGN_ID);
        if (current.isPresent()) {
            if (current.get().path("dirt").equals(wanted.path("dirt"))) {
                return false;
            }
            wanted.put("_rev", current.get().path("_rev").asText());
        }
        store.put(wanted);
        return true;
    }

    /** The site's URL for a database URL such as {@code http://127.0.0.1:5984/demo}. */
    public static String url(String databaseUrl) {
        return (databaseUrl.endsWith("/") ? databaseUrl : databaseUrl + "/") + INDEX_PATH;
    }

    /** The site's files and their content types. */
    static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        for (String page : List.of("index.html", "record.html", "task.html", "nodes.html", "schedules.html")) {
            pages.put(page, "text/html; charset=utf-8");
        }
        pages.put("dirt.js", "application/javascript; charset=utf-8");
        pages.put("dirt.css", "text/css; charset=utf-8");
        return pages;
    }

    private static String hash(ObjectNode doc, String projectName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(JSON.writeValueAsBytes(doc));
            sha.update(projectName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash the design document: " + e.getMessage(), e);
        }
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /** A site file; an HTML page gets the header every page shares (site/header.html) spliced in. */
    private static byte[] page(String name) {
        byte[] file = bytes("site/" + name);
        if (!name.endsWith(".html")) {
            return file;
        }
        String header = new String(bytes("site/header.html"), StandardCharsets.UTF_8).stripTrailing();
        return new String(file, StandardCharsets.UTF_8).replace(HEADER_INCLUDE, header)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
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
