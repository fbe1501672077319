package dirt.web;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which requests under {@code /db/} the site's proxy passes on to the database, and the path it asks CouchDB for:
 * the database itself, documents and their attachments, {@code _all_docs}, {@code _changes} (not continuous), the
 * site's design document {@code _design/dirt} and its views. Nothing else: no serve's views, no
 * {@code _security}, no other design document, no {@code _local} document, nothing outside the database. Each
 * segment is decoded and encoded again, so that no {@code ..} or encoded slash reaches CouchDB as a path step.
 */
final class DbPaths {
    private static final Set<String> DESIGNS = Set.of("dirt");
    private static final Set<String> FEEDS = Set.of("normal", "longpoll");

    private DbPaths() {}

    /** A request the proxy refuses, with the reason it answers (status 400). */
    static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The path below the database for {@code rawPath}, the raw path after {@code /db/} (e.g. {@code r1/stdout.txt}
     * or {@code _design/dirt/_view/records}), encoded for the upstream URL; empty for the database itself.
     *
     * @throws Refused when the path is not one the site reads
     */
    static String upstream(String rawPath, String rawQuery) {
        List<String> segments = segments(rawPath);
        String first = segments.isEmpty() ? "" : segments.get(0);
        if (segments.isEmpty()) {
            return "";
        } else if (segments.size() == 1 && (first.equals("_all_docs") || first.equals("_changes"))) {
            if (first.equals("_changes")) {
                checkFeed(rawQuery);
            }
            return first;
        } else if (first.equals("_design")) {
            return design(segments);
        } else if (first.startsWith("_")) {
            throw new Refused("not a path the site reads: \"" + first + "\" — the site reads documents, attachments,"
                    + " _all_docs, _changes and the views of _design/dirt");
        }
        for (String segment : segments.subList(1, segments.size())) {
            if (segment.contains("/")) {
                throw new Refused("an attachment name part must not hold an encoded slash: \"" + segment + "\"");
            }
        }
        List<String> encoded = new ArrayList<>();
        segments.forEach(segment -> encoded.add(encode(segment)));
        return String.join("/", encoded);
    }

    private static String design(List<String> segments) {
        boolean known = segments.size() >= 2 && DESIGNS.contains(segments.get(1));
        if (known && segments.size() == 2) {
            return "_design/" + segments.get(1);
        }
        if (known && segments.size() == 4 && segments.get(2).equals("_view") && !segments.get(3).contains("/")) {
            return "_design/" + segments.get(1) + "/_view/" + encode(segments.get(3));
        }
        throw new Refused("not a path the site reads: \"" + String.join("/", segments) + "\" — only the design"
                + " document _design/dirt and its views (_view/NAME)");
    }

    /** Decoded segments of a raw path; refuses empty, dot and dot-dot steps, also when hidden in an encoded slash. */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath.isEmpty()) {
            return segments;
        }
        for (String raw : rawPath.split("/", -1)) {
            String segment = decode(raw);
            for (String step : segment.split("/", -1)) {
                if (step.isEmpty() || step.equals(".") || step.equals("..") || step.contains("\\")) {
                    throw new Refused("the path leaves the database or has an empty step: \"" + rawPath + "\"");
                }
            }
            if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new Refused("the path holds a control character: \"" + rawPath + "\"");
            }
            segments.add(segment);
        }
        return segments;
    }

    /** Refuses a continuous or eventsource changes feed, which would hold a proxy thread for ever. */
    private static void checkFeed(String rawQuery) {
        if (rawQuery == null) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals("feed") && !FEEDS.contains(decode(pair.substring(eq + 1)))) {
                throw new Refused("the site reads the changes feed as longpoll or normal only, got feed=\""
                        + decode(pair.substring(eq + 1)) + "\"");
            }
        }
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused("the path is not percent-encoded properly: \"" + raw + "\"");
        }
    }

    /** Percent-encodes everything but the unreserved characters of RFC 3986, so a slash stays inside its segment. */
    static String encode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.write(c);
            } else {
                out.write('%');
                out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
