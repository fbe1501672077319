package dirt.serve.writeback;

import java.util.Locale;
import java.util.Set;

/**
 * The content type a task's file is stored under. Only types a browser shows passively keep theirs; anything that can
 * run script or style a page in the site's origin (HTML, SVG, XML, CSS, JavaScript, and whatever else a node claims)
 * is stored as {@code text/plain}, so that opening a task's output never runs what the task wrote. The node is not
 * trusted with this: serve decides, whatever type the agent sent.
 */
final class StoredTypes {
    static final String PLAIN = "text/plain";
    private static final Set<String> PASSIVE = Set.of("text/plain", "text/csv", "application/json", "image/png",
            "image/jpeg", "image/gif", "application/pdf", "application/gzip", "application/zip",
            "application/java-archive", "application/octet-stream");

    private StoredTypes() {
    }

    /** {@code contentType} when it is passive, else {@code text/plain}. */
    static String of(String contentType) {
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return PASSIVE.contains(bare) ? bare : PLAIN;
    }
}
