package dirt.store.couch;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** URL building and credential masking for the CouchDB client. */
final class Urls {
    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final String HEX = "0123456789ABCDEF";

    private Urls() {
    }

    /** Replaces the password of any {@code scheme://user:password@} in {@code text} by {@code ***}. */
    static String mask(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        int scheme;
        while ((scheme = text.indexOf("://", from)) >= 0) {
            int authorityStart = scheme + 3;
            int authorityEnd = authorityEnd(text, authorityStart);
            int at = text.lastIndexOf('@', authorityEnd - 1);
            out.append(text, from, authorityStart);
            if (at >= authorityStart) {
                int colon = text.indexOf(':', authorityStart);
                boolean hasPassword = colon >= 0 && colon < at;
                out.append(text, authorityStart, hasPassword ? colon : at).append(hasPassword ? ":***@" : "@");
                from = at + 1;
            } else {
                from = authorityStart;
            }
        }
        return out.append(text.substring(from)).toString();
    }

    /**
     * Masks the password of one URL as typed, even a malformed one: everything between the first {@code :} after
     * the scheme (or, without a {@code ://}, the first {@code :} at all) and the last {@code @} goes.
     */
    static String maskUrl(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            int colon = url.indexOf(':');
            return colon >= 0 && colon < at ? url.substring(0, colon) + ":***" + url.substring(at) : mask(url);
        }
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? url : url.substring(0, scheme + 3) + userInfo.substring(0, colon) + ":***" + url.substring(at);
    }

    private static int authorityEnd(String text, int start) {
        int end = start;
        while (end < text.length() && "/ \t\n\"'?#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    /** Splits raw (percent-encoded) userinfo into decoded user and password ({@code null} when absent). */
    static String[] splitUserInfo(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        if (colon < 0) {
            return new String[] {decode(rawUserInfo), null};
        }
        return new String[] {decode(rawUserInfo.substring(0, colon)), decode(rawUserInfo.substring(colon + 1))};
    }

    static URI withoutUserInfo(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot rebuild URL without credentials", e);
        }
    }

    static URI withoutTrailingSlash(URI url) {
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    static String encodeUserInfo(String value) {
        return segment(value);
    }

    /** Percent-encodes one path segment or query value (everything but RFC 3986 unreserved characters). */
    static String segment(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 128 && UNRESERVED.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
            }
        }
        return out.toString();
    }

    /** The path of a document: {@code _design/} and {@code _local/} prefixes stay literal, the rest is encoded. */
    static String docPath(String database, String id) {
        for (String prefix : new String[] {"_design/", "_local/"}) {
            if (id.startsWith(prefix)) {
                return segment(database) + "/" + prefix + segment(id.substring(prefix.length()));
            }
        }
        return segment(database) + "/" + segment(id);
    }

    /** {@code ?a=1&b=2} from the map (values unencoded), or the empty string for no parameters. */
    static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        params.forEach((name, value) -> joined.add(segment(name) + "=" + segment(value)));
        return joined.toString();
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
