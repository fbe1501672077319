package dirt.agent;

import java.util.Locale;
import java.util.Map;

/** Guesses an attachment's content type from its file name's extension. */
final class ContentTypes {
    static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"), Map.entry("out", "text/plain"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("csv", "text/csv"), Map.entry("md", "text/markdown"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("pdf", "application/pdf"), Map.entry("gz", "application/gzip"),
            Map.entry("zip", "application/zip"), Map.entry("jar", "application/java-archive"));

    private ContentTypes() {}

    /** The content type of {@code name}, e.g. {@code text/plain} for {@code build.log}; {@value #DEFAULT} if unknown. */
    static String guess(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
