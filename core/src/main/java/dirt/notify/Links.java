package dirt.notify;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links into the web site: {@code site} is where its pages are, e.g. {@code http://127.0.0.1:5985} where {@code dirt web}
 * serves them (or {@code [notify] site_url}); a record's page is {@code SITE/record.html?id=RECORD}, the nodes page
 * {@code SITE/nodes.html}.
 */
record Links(URI site) {
    Links {
        requireNonNull(site, "site is null");
    }

    String record(String recordId) {
        return base() + "/record.html?id=" + URLEncoder.encode(recordId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The nodes page, at the node's row: {@code SITE/nodes.html#node-NAME}. */
    String node(String name) {
        return base() + "/nodes.html#node-" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String base() {
        String base = site.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
